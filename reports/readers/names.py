"""Uploaded file names and sizes as people and file systems can take them.

A name comes from a browser or a zip directory, so it can hold anything: folders, NUL and other control
characters, right-to-left overrides, decomposed accents, or 96 CJK Extension-B characters (384 bytes, past the
255-byte limit of most file systems). Every name is cleaned here before anything is stored or shown.
"""

import re
import unicodedata

# Most file systems allow 255 bytes per name; the storage may append "_" and 7 characters to avoid a clash.
MAX_NAME_BYTES = 200
MAX_NAME_CHARS = 100
# The original_name column holds 255 characters: archive name, folders and member name together.
MAX_PATH_CHARS = 255
MAX_EXTENSION_CHARS = 10
FALLBACK_NAME = "未命名文件"
# Control, format (bidi overrides, zero-width), surrogate and separator characters other than the plain space.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")


def clean_segment(name: str) -> str:
    """One path segment: NFC, no control or invisible characters, single spaces, no leading dots."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if ch.isspace() else ch for ch in name if unicodedata.category(ch) not in _DROPPED_CATEGORIES
                   or ch.isspace())
    name = _SPACES.sub(" ", name).strip()
    # A leading dot would hide the file, and "." or ".." name a folder, not a file.
    return name.lstrip(". ").strip()


def bound(name: str, *, max_chars: int = MAX_NAME_CHARS, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` cut to at most ``max_chars`` characters and ``max_bytes`` UTF-8 bytes, its extension kept."""
    if len(name) <= max_chars and len(name.encode("utf-8")) <= max_bytes:
        return name
    stem, dot, suffix = name.rpartition(".")
    extension = f".{suffix}" if dot and stem and len(suffix) <= MAX_EXTENSION_CHARS else ""
    if not extension:
        stem = name
    marker = "…"
    chars_left = max_chars - len(extension) - len(marker)
    bytes_left = max_bytes - len(extension.encode("utf-8")) - len(marker.encode("utf-8"))
    kept = []
    for ch in stem:
        size = len(ch.encode("utf-8"))
        if chars_left < 1 or bytes_left < size:
            break
        kept.append(ch)
        chars_left -= 1
        bytes_left -= size
    return "".join(kept).rstrip() + marker + extension


def clean_filename(raw: str) -> str:
    """The name a browser sent, without any folder part (C:\\fakepath\\x.txt, ../../x.txt), cleaned and bounded."""
    base = re.split(r"[/\\]", raw or "")[-1]
    return bound(clean_segment(base)) or FALLBACK_NAME


def clean_relative_path(member: str) -> str:
    """A zip member's ``folder/name``, each segment cleaned and bounded (empty segments dropped)."""
    segments = [bound(clean_segment(part)) for part in re.split(r"[/\\]", member)]
    return "/".join(s for s in segments if s) or FALLBACK_NAME


def member_path(archive: str, relative: str) -> str:
    """``archive/folder/name``, within the 255 characters an issue's name may have."""
    path = f"{archive}/{relative}"
    if len(path) > MAX_PATH_CHARS:
        # The folders matter least: keep the archive and the member's own name.
        path = f"{archive}/…/{relative.rsplit('/', 1)[-1]}"
    return path


def printable(text: str, limit: int = 120) -> str:
    """A raw name as a message may quote it: no control or invisible characters, at most ``limit`` characters."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", text)
                   if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    return text if len(text) <= limit else text[:limit] + "…"


def storage_name(path: str) -> str:
    """The last segment of a cleaned path: what the file system gets (never longer than MAX_NAME_BYTES)."""
    return bound(path.rsplit("/", 1)[-1]) or FALLBACK_NAME


def format_size(size: int) -> str:
    """A size in KB or MB with at most one decimal (256 KB, 1.5 MB, 50 MB); bytes below 1 KB."""
    if size < 1024:
        return f"{size} 字节"
    value, unit = (size / 1024, "KB") if size < 1024 * 1024 else (size / (1024 * 1024), "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def format_excess(size: int, limit: int) -> tuple[str, str]:
    """``size`` and ``limit`` formatted so that a size over the limit never reads as equal to it."""
    shown, cap = format_size(size), format_size(limit)
    if shown == cap:
        shown, cap = f"{size:,} 字节", f"{limit:,} 字节"
    return shown, cap
