"""Unpack an uploaded .zip of newsletter files, refusing archives that are unsafe to unpack."""

import io
import posixpath
import stat
import zipfile
from dataclasses import dataclass

from reports.readers.base import ReadError
from reports.readers.names import clean_relative_path, format_excess, format_size, printable

MAX_MEMBERS = 500
# Text compresses about 3–10×; a member inflating more than this is a zip bomb, not a newspaper.
MAX_RATIO = 100
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes


def _is_noise(name: str) -> bool:
    # What macOS and Windows add to every archive they make; nothing else is skipped (and skipped names are told).
    base = posixpath.basename(name.replace("\\", "/"))
    return (name.startswith("__MACOSX/") or base.startswith("._")
            or base.lower() in {".ds_store", "thumbs.db", "desktop.ini"})


def _decoded_name(info: zipfile.ZipInfo) -> str:
    # Zips from Chinese Windows store names in GBK without the UTF-8 flag; zipfile then decodes them as cp437.
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _escapes(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    normalized = posixpath.normpath(name.replace("\\", "/"))
    return normalized == ".." or normalized.startswith("../")


def unpack_zip(data: bytes, *, archive_name: str, max_member_bytes: int, max_total_bytes: int,
               ignored: list[str] | None = None) -> list[Member]:
    """The archive's files (directories and OS clutter skipped), each read with a hard size cap.

    Member names come back cleaned (``names.clean_relative_path``); the names of skipped OS clutter are added
    to ``ignored`` so the caller can say what was left out.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(f"压缩包“{archive_name}”已损坏，无法解开。请重新打包为 .zip 后上传。",
                        f"{archive_name} is not a valid zip archive.") from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        names = {info: _decoded_name(info) for info in infos}
        for info in infos:
            # Never written to disk here, but a name like ../../x shows the archive was made to attack.
            if _escapes(names[info]) or stat.S_ISLNK(info.external_attr >> 16):
                raise ReadError(
                    f"压缩包“{archive_name}”中的文件“{printable(names[info])}”路径指向压缩包以外（或是符号链接），"
                    "这样的压缩包可能有害，已拒绝。请只打包报纸文件本身后重新上传。",
                    f"{archive_name}: member {names[info]!r} escapes the archive folder.",
                )
        if ignored is not None:
            ignored.extend(printable(names[info]) for info in infos if _is_noise(names[info]))
        infos = [info for info in infos if not _is_noise(names[info])]
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"压缩包“{archive_name}”中有 {len(infos)} 个文件，超过上限 {MAX_MEMBERS} 个。请分批上传。",
                            f"{archive_name} holds {len(infos)} files; the limit is {MAX_MEMBERS}.")
        declared_total = sum(info.file_size for info in infos)
        if declared_total > max_total_bytes:
            shown, limit = format_excess(declared_total, max_total_bytes)
            raise ReadError(
                f"压缩包“{archive_name}”解压后共 {shown}，超过上限 {limit}。请分批上传。",
                f"{archive_name} inflates to {declared_total} bytes; the limit is {max_total_bytes}.",
            )
        members = []
        total = 0
        for info in infos:
            name = clean_relative_path(names[info])
            if info.flag_bits & 0x1:
                raise ReadError(f"压缩包“{archive_name}”中的“{name}”设置了密码，无法解开。请去掉密码后重新打包上传。",
                                f"{archive_name}: {name} is encrypted.")
            if info.file_size > max_member_bytes:
                shown, limit = format_excess(info.file_size, max_member_bytes)
                raise ReadError(
                    f"压缩包“{archive_name}”中的“{name}”解压后有 {shown}，超过单个文件上限 {limit}。"
                    "请把它单独上传或拆分后上传。",
                    f"{archive_name}: {name} is larger than the per-file limit.",
                )
            _check_ratio(archive_name, name, info.file_size, info.compress_size)
            # The sizes in the directory are the archive's own claim; read with a cap so a lie cannot inflate us.
            data_out = _read_capped(archive, info, name=name, limit=min(max_member_bytes, max(info.file_size, 0)))
            _check_ratio(archive_name, name, len(data_out), info.compress_size)
            total += len(data_out)
            if total > max_total_bytes:
                raise ReadError(
                    f"压缩包“{archive_name}”解压后超过上限 {format_size(max_total_bytes)}。请分批上传。",
                    f"{archive_name} inflates beyond {max_total_bytes} bytes.",
                )
            members.append(Member(name=name, data=data_out))
    return members


def _check_ratio(archive_name: str, name: str, inflated: int, compressed: int) -> None:
    # Tiny members legitimately compress very well (a 1 kB file of spaces); the ratio matters from 1 MB up.
    if inflated > _CHUNK and inflated > MAX_RATIO * max(compressed, 1):
        raise ReadError(
            f"压缩包“{archive_name}”中的“{name}”压缩比异常（{inflated // max(compressed, 1)} 倍），"
            "可能是恶意构造的“压缩炸弹”，已拒绝。请直接上传原文件。",
            f"{archive_name}: {name} has an absurd compression ratio ({inflated}/{compressed}).",
        )


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, name: str, limit: int) -> bytes:
    out = bytearray()
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise ReadError(
                        f"压缩包中的“{name}”实际解压大小与记录不符，文件可能被篡改，已拒绝。",
                        f"{info.filename} inflates beyond its declared size.",
                    )
    except ReadError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ReadError(f"压缩包中的“{name}”已损坏或使用了不支持的压缩方式，无法解开。",
                        f"{info.filename} cannot be inflated: {error}") from error
    return bytes(out)
