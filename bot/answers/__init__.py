"""The offline answerer's parts: one module per kind of question, each returning a :class:`Finding`.

``context`` (what a kind reads), ``finding`` (what it returns), ``records`` and ``meaning`` (finding
records by words and by meaning), the kinds (``document``, ``unittasks``, ``owner``, ``deadline``,
``target``, ``listing``, ``outline``, ``fact``), ``perplan`` (several plans at once), ``unknown``
(refusals for names the plans lack) and ``composer`` (findings into answers).

The helpers only the answers use live here too: ``targeting`` (which target answers), ``responsibility``
(owner, deadline and unit-task lines), ``sentences`` (a retrieved sentence's time and quantities),
``parts`` (a question of several parts) and ``plain_facts`` (the sentence that best covers a question).
"""
