"""Which files the admin ingest may read: only files uploaded through the page, in the same session, within the limit;
how much one admin session may upload; and how long an uploaded file stays on the server.

The page's upload event records each file Gradio stored for this session (:func:`remember`), and the route gate
records it for the admin session as Gradio stores it (the 导入 click may reach the server before the upload
event); the ingest event then accepts a path only if it was recorded, lies inside Gradio's upload folder and
is not over the size limit (:func:`session_files`). A path the client makes up is never read, whatever it names.

One admin session may make :data:`SESSION_UPLOADS` uploads of :data:`SESSION_SIZE_FACTOR` times the per-file
limit in all (:class:`UploadQuota`, asked by the route gate before Gradio stores anything). A file is removed
from the server when its ingest ends (:func:`discard`), or :data:`UPLOAD_SECONDS` after its upload when it is
never ingested (:func:`remove_later`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

__all__ = ["UploadQuota", "discard", "inside", "remember", "remove_later", "session_files"]

MB = 1024 * 1024
SESSION_UPLOADS = 20  # upload requests (each one or more files) of one admin session
SESSION_SIZE_FACTOR = 4  # one admin session uploads at most this many times the per-file limit, in bytes
UPLOAD_SECONDS = 1800.0  # an uploaded file that no ingest reads is removed after this long


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


def remove_later(paths: Iterable[str], seconds: float = UPLOAD_SECONDS) -> None:
    """Remove ``paths`` after ``seconds`` (a daemon timer: nothing waits for it on shutdown)."""
    paths = list(paths)
    if paths:
        timer = threading.Timer(seconds, discard, [paths])
        timer.daemon = True
        timer.start()


def discard(paths: Iterable[str | Path]) -> None:
    """Remove uploaded files, and the folder Gradio made for each when it is left empty."""
    for path in paths:
        path = Path(path)
        path.unlink(missing_ok=True)
        try:
            path.parent.rmdir()
        except OSError:
            pass  # not empty, or already gone


class UploadQuota:
    """How much each admin session (its token) has uploaded: at most ``uploads`` requests and ``max_mb`` in all,
    each request counted at its declared length before Gradio reads it."""

    def __init__(self, max_mb: float, uploads: int = SESSION_UPLOADS) -> None:
        self.max_bytes, self.uploads = int(max_mb * MB), uploads
        self._used: dict[str, tuple[int, int]] = {}  # token → (uploads, bytes)
        self._lock = threading.Lock()

    def admit(self, token: str, length: int | None) -> tuple[int, str] | None:
        """``None`` when the session may upload ``length`` bytes more (then counted), else ``(status, reason)``."""
        if length is None:
            return 411, "上传请求缺少长度（Content-Length），已拒绝。"
        with self._lock:
            count, size = self._used.get(token, (0, 0))
            if count >= self.uploads:
                return 429, f"本次管理会话的上传次数已达上限（{self.uploads} 次）；{_AFTER_LIMIT}"
            if size + length > self.max_bytes:
                return 413, f"本次管理会话上传的文件总量已达上限（{self.max_bytes / MB:g} MB）；{_AFTER_LIMIT}"
            self._used[token] = (count + 1, size + length)
        return None


_AFTER_LIMIT = "请先导入已上传的文件，或重新验证管理员密码后再上传。"


def session_files(
    paths: Iterable[str] | None, known: Iterable[str] | None, folder: str | Path, limit_mb: int
) -> tuple[list[Path], list[str]]:
    """The files of ``paths`` this session may ingest, and a Chinese reason for each refused one."""
    known_set, accepted, refused = set(known or []), [], []
    for path in paths or []:
        name = Path(path).name
        resolved = inside(path, folder)
        if resolved is None and any(Path(k).name == name and not Path(k).exists() for k in known_set):
            refused.append(f"文件已在导入后（或上传{UPLOAD_SECONDS / 60:.0f}分钟后）从服务器删除，请重新上传：{name}")
        elif resolved is None or str(resolved) not in known_set:
            refused.append(f"不是本页本次上传的文件，已拒绝：{name}")
        elif resolved.stat().st_size > limit_mb * MB:
            refused.append(f"文件过大：{name}（{resolved.stat().st_size / MB:.1f} MB，上限 {limit_mb} MB）")
        else:
            accepted.append(resolved)
    return accepted, refused
