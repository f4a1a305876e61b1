"""Errors that ingest reports to the user, in Chinese, without a traceback."""


class DocumentError(ValueError):
    """A file that cannot be read as a document (empty, binary, truncated, unknown type)."""
