"""The processing budget: a child process that is killed past its time, stopped past its memory, and whose
failures come back as exceptions with a message for the user."""

import os
import time

import pytest

from reports import budget

ROOMY = budget.Budget(seconds=30, memory_mb=2048)


def test_it_returns_what_the_child_computed():
    processed = budget.run_within(ROOMY, budget.read_and_extract, "几江街道划分网格5个。".encode(), "页.txt", None,
                                  "江津区")
    assert [f.value for f in processed.extraction.facts] == [5]
    assert processed.document.file_format == "txt"


def test_it_kills_the_child_past_the_time_limit():
    started = time.monotonic()
    with pytest.raises(budget.BudgetExceeded) as stopped:
        budget.run_within(budget.Budget(seconds=1, memory_mb=2048), time.sleep, 60)
    assert time.monotonic() - started < 30
    assert stopped.value.kind == budget.BudgetExceeded.TIME
    assert "处理超时：读取和抽取这个文件超过了 1 秒的上限" in stopped.value.message_zh
    assert "请把文件拆成几份分别上传" in stopped.value.message_zh


def test_it_stops_the_child_past_the_memory_limit():
    with pytest.raises(budget.BudgetExceeded) as stopped:
        budget.run_within(budget.Budget(seconds=30, memory_mb=400), bytearray, 2 * 1024 ** 3)
    assert stopped.value.kind == budget.BudgetExceeded.MEMORY
    assert "内存超限：读取和抽取这个文件需要超过 400 MB 内存" in stopped.value.message_zh


def test_it_reports_a_child_that_dies():
    with pytest.raises(budget.BudgetExceeded) as died:
        budget.run_within(ROOMY, os._exit, 3)
    assert died.value.kind == budget.BudgetExceeded.CRASH
    assert "处理进程意外退出（退出码 3）" in died.value.message_zh


def test_it_raises_the_childs_exception_in_the_parent():
    with pytest.raises(ValueError):
        budget.run_within(ROOMY, int, "not a number")


def test_it_carries_a_read_error_with_both_messages():
    with pytest.raises(budget.ReadFailed) as failed:
        budget.run_within(ROOMY, budget.read_and_extract, b"", "空.txt", None, None)
    assert "是空的（0 字节）" in failed.value.message_zh
    assert "empty" in failed.value.message_en
