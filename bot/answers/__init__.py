"""The offline answerer's parts: one module per kind of question, each returning a :class:`Finding`.

``context`` (what a kind reads), ``finding`` (what it returns), ``records`` and ``meaning`` (finding
records by words and by meaning), the kinds (``document``, ``unittasks``, ``owner``, ``deadline``,
``target``, ``listing``, ``outline``, ``fact``), ``perplan`` (several plans at once), ``unknown``
(refusals for names the plans lack) and ``composer`` (findings into answers).
"""
