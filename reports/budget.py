"""A wall-clock and memory budget for the work one issue asks for: reading the file and extracting from it.

The work runs in a child process (multiprocessing's fork server: a clean, single-threaded parent holding the
readers and the extractor already loaded, so no database connection or thread of the caller is ever
forked). The child sets RLIMIT_AS on itself; the parent waits at most the time limit, then kills it. Either
way the caller gets a result or a BudgetExceeded with a message for the user; nothing here touches the
database, so the caller stores the result in one transaction exactly as before.

Pure Python (no Django): settings are passed in by the caller (``Budget``).
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

logger = logging.getLogger(__name__)

# The child exits with this code when it runs out of memory: reporting it through the pipe would need memory.
_OUT_OF_MEMORY_EXIT = 86
_PRELOAD = ["reports.budget_preload"]


@dataclass(frozen=True)
class Budget:
    seconds: float
    memory_mb: int


class BudgetExceeded(Exception):
    """The child was stopped, or died; ``message_zh`` says what happened and what to do."""

    TIME = "time"
    MEMORY = "memory"
    CRASH = "crash"

    def __init__(self, kind: str, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.kind = kind
        self.message_zh = message_zh
        self.message_en = message_en


class ChildFailed(Exception):
    """The work raised an exception the caller did not expect; the child's traceback is in the message."""

    def __init__(self, type_name: str, details: str):
        super().__init__(f"{type_name} in the processing child:\n{details}")
        self.type_name = type_name


_ADVICE = "请把文件拆成几份分别上传，或改为上传文本/Word 版（PDF 的版面分析最耗时耗内存）。"


def time_exceeded(budget: Budget) -> BudgetExceeded:
    return BudgetExceeded(
        BudgetExceeded.TIME,
        f"处理超时：读取和抽取这个文件超过了 {budget.seconds:g} 秒的上限，已停止，未写入任何数据。" + _ADVICE
        + "如确属正常的大文件，可请管理员调大 GOVDASH_PROCESSING_TIME_LIMIT_SECONDS。",
        f"Reading and extracting took longer than {budget.seconds:g} s and was stopped.",
    )


def memory_exceeded(budget: Budget) -> BudgetExceeded:
    return BudgetExceeded(
        BudgetExceeded.MEMORY,
        f"内存超限：读取和抽取这个文件需要超过 {budget.memory_mb} MB 内存，已停止，未写入任何数据。" + _ADVICE
        + "如确属正常的大文件，可请管理员调大 GOVDASH_PROCESSING_MEMORY_LIMIT_MB。",
        f"Reading and extracting needed more than {budget.memory_mb} MB of memory and was stopped.",
    )


def crashed(exitcode: int | None) -> BudgetExceeded:
    return BudgetExceeded(
        BudgetExceeded.CRASH,
        f"处理进程意外退出（退出码 {exitcode}），未写入任何数据。可以稍后重新处理；如再次失败，" + _ADVICE,
        f"The processing child exited unexpectedly (exit code {exitcode}).",
    )


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def start_fork_server() -> None:
    """Start the fork server (importing and warming up the preload) now, not with the first child."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def run_within(budget: Budget, function: Callable, /, *args, **kwargs):
    """``function(*args, **kwargs)`` in a child process under ``budget``; its result, or its exception re-raised.

    ``function`` and its arguments must be picklable (a module-level function of a module without Django).
    Raises BudgetExceeded when the child is killed for time, runs out of memory or dies, and ChildFailed for an
    exception that cannot be carried back as is.
    """
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, budget.memory_mb, function, args, kwargs), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(budget.seconds):
            child.kill()
            raise time_exceeded(budget)
        try:
            outcome, payload = receiver.recv()
        except EOFError:
            outcome, payload = None, None
    finally:
        receiver.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    if outcome == "ok":
        return payload
    if outcome == "raised":
        raise payload
    if outcome == "failed":
        raise ChildFailed(*payload)
    if child.exitcode == _OUT_OF_MEMORY_EXIT:
        raise memory_exceeded(budget)
    raise crashed(child.exitcode)


def _child(sender, memory_mb: int, function: Callable, args: tuple, kwargs: dict) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = ("ok", function(*args, **kwargs))
        sender.send(result)
    except MemoryError:
        os._exit(_OUT_OF_MEMORY_EXIT)
    except Exception as error:  # noqa: BLE001 - every failure goes back to the parent, which decides
        if _out_of_memory(error):
            os._exit(_OUT_OF_MEMORY_EXIT)
        try:
            sender.send(("raised", error))
        except MemoryError:
            os._exit(_OUT_OF_MEMORY_EXIT)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: its type and traceback then
            sender.send(("failed", (type(error).__name__, traceback.format_exc())))
    finally:
        sender.close()


def _out_of_memory(error: BaseException) -> bool:
    """A MemoryError can surface as another exception (an import that failed for lack of memory becomes
    LookupError: unknown encoding); look along the chain, then try whether a little memory is still there."""
    seen = error
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    try:
        bytearray(4 * 1024 * 1024)
    except MemoryError:
        return True
    return False


@dataclass(frozen=True)
class Processed:
    """What the child hands back: the document's text (with its format and encoding) and the extraction."""

    document: object  # reports.readers.DocumentText
    extraction: object  # reports.extract.Extraction


class ReadFailed(Exception):
    """A ReadError carried across the process boundary (its constructor takes two messages, so it is rebuilt)."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_zh, message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def read_and_extract(data: bytes, filename: str, published: date | None, region: str | None,
                     synonyms: tuple[tuple[str, str], ...] = ()) -> Processed:
    """The work of one issue, run inside the child: file bytes → text → extraction."""
    from reports.extract import default_config, extract
    from reports.readers import ReadError, read_document

    try:
        document = read_document(data, filename)
    except ReadError as error:
        raise ReadFailed(error.message_zh, error.message_en) from None
    extraction = extract(document.text, config=default_config(published=published, region=region, synonyms=synonyms))
    if document.warnings:
        extraction = dataclasses.replace(extraction, warnings=document.warnings + extraction.warnings)
    return Processed(document=document, extraction=extraction)
