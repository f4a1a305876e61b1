"""The records of an index's ``<namespace>-meta`` collection: their kinds, their ids and their placeholder vector.

Where things live: ``<namespace>-meta`` holds the commits (ids ``commit-00000001`` …: each a generation's
manifest; the highest number is the current one), the segment claims (``segment-00000001`` …) and the lease
records (``lease-00000001`` …); each segment is three collections, ``<namespace>-g<segment>-chunks``,
``-targets`` (vectors, cosine) and ``-records`` (a document's records as JSON, by document id). An index
written before commits had one ``manifest`` record instead; it is read while no commit exists.

Why the manifest, the leases and the records carry a one-number vector: Chroma (1.5) gives every record
a vector. A collection with no embedding function falls back to its default model when a record comes
without one (which would download it), and its vector index cannot be turned off (``Schema.delete_index``
refuses it). The collection's own metadata could hold the manifest (it takes a value of a few hundred
kilobytes), but ``modify`` only replaces it, with no insert-if-absent for the lease, and moving the
manifest there would change the layout of every existing index for no gain. So these records carry
:data:`PLACEHOLDER`, which nothing ever searches; Chroma's own limits are in
:class:`~policykb.kb.chroma_limits.ChromaLimits`, and nowhere else.
"""

__all__ = [
    "COMMIT_KIND",
    "LEASE_KIND",
    "MANIFEST_ID",
    "PLACEHOLDER",
    "SEGMENT_KIND",
    "commit_id",
    "lease_id",
    "number_of",
    "segment_id",
]

MANIFEST_ID = "manifest"  # the one manifest record of an index written before commits
LEASE_KIND = "lease"
COMMIT_KIND = "commit"
SEGMENT_KIND = "segment"
PLACEHOLDER = [1.0]  # the vector of a record that is only stored, never searched (see the module's docstring)


def commit_id(number: int) -> str:
    return f"commit-{number:08d}"


def segment_id(number: int) -> str:
    return f"segment-{number:08d}"


def number_of(record_id: str) -> int:
    return int(record_id.rsplit("-", 1)[1])


def lease_id(number: int) -> str:
    return f"lease-{number:08d}"
