"""Which files the admin ingest may read: only files uploaded through the page, in the same session, within the limit.

The page's upload event records each file Gradio stored for this session (:func:`remember`); the ingest
event then accepts a path only if it was recorded, lies inside Gradio's upload folder and is not over the
size limit (:func:`session_files`). A path the client makes up is never read, whatever it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MB = 1024 * 1024


def inside(path: str | Path, folder: str | Path) -> Path | None:
    """``path`` resolved (links followed), if it is a regular file under ``folder``; else ``None``."""
    try:
        resolved = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(Path(folder).resolve()) or not resolved.is_file():
        return None
    return resolved


def remember(paths: Iterable[str] | None, known: list[str] | None, folder: str | Path) -> list[str]:
    """``known`` plus the newly uploaded ``paths`` that Gradio stored under ``folder`` (the session's uploads)."""
    known = list(known or [])
    for path in paths or []:
        resolved = inside(path, folder)
        if resolved is not None and str(resolved) not in known:
            known.append(str(resolved))
    return known


def session_files(
    paths: Iterable[str] | None, known: Iterable[str] | None, folder: str | Path, limit_mb: int
) -> tuple[list[Path], list[str]]:
    """The files of ``paths`` this session may ingest, and a Chinese reason for each refused one."""
    known_set, accepted, refused = set(known or []), [], []
    for path in paths or []:
        name = Path(path).name
        resolved = inside(path, folder)
        if resolved is None or str(resolved) not in known_set:
            refused.append(f"不是本页本次上传的文件，已拒绝：{name}")
        elif resolved.stat().st_size > limit_mb * MB:
            refused.append(f"文件过大：{name}（{resolved.stat().st_size / MB:.1f} MB，上限 {limit_mb} MB）")
        else:
            accepted.append(resolved)
    return accepted, refused
