"""The chat page (Gradio) and the OpenAI-compatible HTTP API, served together by :func:`serve.serve`.

This is the only package of policykb that imports gradio. Nothing here runs at import
time: :func:`policykb.bot.page.app.build_app` builds the page for one bot,
:func:`policykb.bot.page.api.build_api` the HTTP routes, and
:mod:`policykb.bot.page.serve` puts both on one server.
"""
