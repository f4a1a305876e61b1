"""The chatbot: from a question to a cited answer, grouped by job.

- the engine front (here): ``engine`` (the bot), ``wiring`` and ``keeper`` (what it is built from and
  reloaded with), ``reading`` (the question as read, its plans), ``question`` and ``kinds`` (what a
  question asks), ``retriever``, ``evidence`` and ``scope`` (what it is asked of), ``answerer`` (the
  offline answer), ``llm``, ``chain`` and ``grounding`` (an optional language model, checked against the
  clauses), ``answer`` (what the bot returns), ``views`` and ``ledgerview`` (what the page shows), ``cli``;
- ``answers/``: one module per kind of question and the helpers only they use;
- ``dialog/``: follow-up questions in a conversation;
- ``page/``: the Gradio page and the HTTP API.
"""
