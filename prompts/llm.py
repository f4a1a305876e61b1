"""Prompt templates of the optional LLM answerer, loaded from files in this folder and checked at load.

* ``llm_system.txt`` — the system prompt; uses exactly ``{refusal}`` (the offline refusal sentence).
* ``llm_rewrite.txt`` — the system prompt that rewrites a follow-up into a standalone question
  (LangChain's history-aware pattern: this prompt, the chat history, then the new question);
  uses no variables, so no text of a conversation is ever read as template syntax.
* ``llm_qa.txt`` — the question template; uses exactly ``{question}``, ``{clauses}`` and
  ``{structured}``, and must put ``{clauses}`` inside one data block (``<资料>`` … ``</资料>``),
  so that retrieved text always reaches the model marked as data, never as instructions.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from policykb.prompts.library import PromptError, template_variables

SYSTEM_FILE = "llm_system.txt"
QA_FILE = "llm_qa.txt"
REWRITE_FILE = "llm_rewrite.txt"
DATA_OPEN = "<资料>"
DATA_CLOSE = "</资料>"

# Which variables each template must use (a template may not use others).
REQUIRED: dict[str, set[str]] = {
    SYSTEM_FILE: {"refusal"},
    QA_FILE: {"question", "clauses", "structured"},
    REWRITE_FILE: set(),
}


@dataclass(frozen=True)
class LLMPrompts:
    """The LLM answerer's two templates, validated."""

    system: str
    qa: str

    def system_text(self, refusal: str) -> str:
        """The system prompt with the refusal sentence filled in."""
        return self.system.format(refusal=refusal)


def load_llm_prompts(system: str = SYSTEM_FILE, qa: str = QA_FILE) -> LLMPrompts:
    """Load and validate the LLM templates from this package.

    Raises:
        PromptError: a template is missing, uses the wrong variables, or leaves the clauses outside the data block.
    """
    folder = resources.files("policykb.prompts")
    texts = {}
    for name in (system, qa):
        path = folder.joinpath(name)
        if not path.is_file():
            raise PromptError(f"template {name} is missing")
        texts[name] = path.read_text(encoding="utf-8")
    return parse_llm_prompts(texts[system], texts[qa])


def parse_llm_prompts(system: str, qa: str) -> LLMPrompts:
    """Validate two template strings (see :data:`REQUIRED`) and return them.

    Raises:
        PromptError: as :func:`load_llm_prompts`.
    """
    for name, text in ((SYSTEM_FILE, system), (QA_FILE, qa)):
        try:
            used = template_variables(text)
        except ValueError as exc:  # unbalanced braces
            raise PromptError(f"template {name} does not parse: {exc}") from None
        if used != REQUIRED[name]:
            raise PromptError(f"template {name} uses {sorted(used)}, expected {sorted(REQUIRED[name])}")
    if qa.count(DATA_OPEN) != 1 or qa.count(DATA_CLOSE) != 1:
        raise PromptError(f"template {QA_FILE} must contain {DATA_OPEN} and {DATA_CLOSE} exactly once")
    if not qa.index(DATA_OPEN) < qa.index("{clauses}") < qa.index(DATA_CLOSE):
        raise PromptError(f"template {QA_FILE} must put {{clauses}} between {DATA_OPEN} and {DATA_CLOSE}")
    return LLMPrompts(system=system, qa=qa)


def load_rewrite_prompt(name: str = REWRITE_FILE) -> str:
    """The follow-up rewrite prompt, validated (present, parses, uses no variables).

    Raises:
        PromptError: the template is missing, does not parse or uses a variable.
    """
    path = resources.files("policykb.prompts").joinpath(name)
    if not path.is_file():
        raise PromptError(f"template {name} is missing")
    return parse_rewrite_prompt(path.read_text(encoding="utf-8"))


def parse_rewrite_prompt(text: str) -> str:
    """Validate the rewrite prompt's text (see :func:`load_rewrite_prompt`)."""
    try:
        used = template_variables(text)
    except ValueError as exc:
        raise PromptError(f"template {REWRITE_FILE} does not parse: {exc}") from None
    if used != REQUIRED[REWRITE_FILE]:
        raise PromptError(f"template {REWRITE_FILE} uses {sorted(used)}, expected none")
    if not text.strip():
        raise PromptError(f"template {REWRITE_FILE} is empty")
    return text
