"""The task runner: work runs off the GUI thread, signals arrive on it, latest wins, abort, errors."""

from __future__ import annotations

import os
import threading

import pytest

from alttext_app.core.errors import ImageError
from alttext_app.gui.tasks import WORKER_NICENESS, Lane, TaskRunner, TaskState


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown(5000)


def test_work_runs_off_the_gui_thread_and_results_arrive_on_it(qtbot, runner) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(ctx):
        seen["work"] = threading.get_ident()
        ctx.progress(1)
        return 42

    results = []
    task = runner.start(work, on_progress=lambda v: seen.setdefault("progress", threading.get_ident()),
                        on_result=lambda v: results.append((v, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert seen["work"] != gui and seen["work"] == task.thread_id
    assert seen["progress"] == gui and results == [(42, gui)]
    assert task.state is TaskState.DONE
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)


def test_latest_wins_and_the_old_one_is_silenced(qtbot, runner) -> None:
    gate = threading.Event()

    def slow(ctx):
        while not gate.wait(0.01):
            ctx.check_abort()
        return "old"

    results = []
    old = runner.start(slow, key="k", lane=Lane.CAPTION, on_result=results.append)
    new = runner.start(lambda ctx: "new", key="k", lane=Lane.CAPTION, on_result=results.append)
    assert old.aborted and runner.current("k") is new
    gate.set()
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    assert runner.wait(5000)
    qtbot.wait(20)
    assert results == ["new"] and old.state is TaskState.CANCELLED


def test_errors_become_one_sentence_and_abort_is_quiet(qtbot, runner) -> None:
    errors = []

    def bad(_ctx):
        raise ImageError("The file “x.png” is not an image AltText can read.")

    def crash(_ctx):
        raise RuntimeError("segfault at 0xdead")

    runner.start(bad, on_error=errors.append)
    runner.start(crash, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert errors == ["The file “x.png” is not an image AltText can read.",
                      "Something went wrong; the details are in the log file."]
    gate = threading.Event()
    finished = []
    task = runner.start(lambda ctx: gate.wait(5) or ctx.check_abort(), key="a",
                        on_error=errors.append, on_finished=lambda: finished.append(1))
    assert runner.abort("a")
    gate.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert task.state is TaskState.CANCELLED and len(errors) == 2


def test_lanes_run_beside_each_other_and_shutdown_awaits_all(qtbot, runner) -> None:
    started = threading.Barrier(2, timeout=5)
    done = []
    for lane in (Lane.MODELS, Lane.CAPTION):
        runner.start(lambda ctx: started.wait(), lane=lane, on_result=lambda _v: done.append(1))
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)  # both ran at once (else the barrier broke)
    assert not runner.running


@pytest.mark.skipif(not hasattr(os, "getpriority") or not hasattr(threading, "get_native_id"),
                    reason="per-thread nice values are a Linux feature")
def test_work_runs_at_a_lower_priority_than_the_gui_thread(qtbot, runner) -> None:
    gui_nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    results = []
    runner.start(lambda ctx: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()),
                 lane=Lane.CAPTION, on_result=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0] == min(19, max(gui_nice, WORKER_NICENESS))
    assert results[0] > gui_nice or gui_nice >= 19
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui_nice  # GUI untouched


def test_a_task_whose_signals_were_deleted_ends_quietly(qtbot, runner, capfd) -> None:
    """At quit Qt may delete a task's signals object while the work still runs: no traceback."""
    gate = threading.Event()
    task = runner.start(lambda ctx: gate.wait(5) and "late", on_result=lambda v: None)
    shiboken = pytest.importorskip("shiboken6")
    qtbot.waitUntil(lambda: task.state is TaskState.RUNNING, timeout=5000)
    shiboken.delete(task.signals)
    gate.set()
    assert task.wait(5)
    assert task.state is TaskState.DONE
    assert "Traceback" not in capfd.readouterr().err
