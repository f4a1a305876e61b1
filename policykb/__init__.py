"""policykb: a knowledge-base chatbot over Chinese government plan documents.

The code lives in the top-level folders ``kb/``, ``ingest/``, ``bot/``, ``prompts/``
and ``eval/``, installed as the sub-packages ``policykb.kb`` and so on.
"""

__version__ = "0.1.0"
