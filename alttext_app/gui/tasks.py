"""One way to run long work in the window: `TaskRunner.start(fn, ...)`.

Modelled on superqt's `_qthreading` workers: each task has started / progress / result / error /
finished signals, a cooperative abort (`TaskContext.should_abort`, checked by the work between
steps), and the runner keeps the set of running tasks so quitting can abort and await them all.

Rules kept here once, not at each call site:
- The work runs on a pool thread and never touches widgets; it talks through `TaskContext`.
- Signals are delivered on the GUI thread (the signal objects live there; emission from the pool
  thread is queued).
- `lane` picks a pool: tasks in one lane run one after another (captions, model changes), lanes
  run beside each other, so a download never holds back a caption.
- `key` makes a task "latest wins": starting a task with the key of a running one aborts the old
  one and silences its late signals, so a slow old caption never overwrites a new one.
- Failures become one sentence for people (`core.errors.user_message`), details go to the log;
  a `Cancelled` raised by the work is a quiet end (only `finished`).
"""

from __future__ import annotations

import enum
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from alttext_app.core.captioner import check_abort
from alttext_app.core.errors import Cancelled, user_message
from alttext_app.core.i18n import localize

log = logging.getLogger(__name__)

# Background work runs a little "nicer" than the GUI thread, so on a busy two-core laptop the
# scheduler hands the event loop its slice first. Threads and processes the work starts (ONNX
# Runtime's pool, Tesseract) inherit it. Linux keeps a nice value per thread; elsewhere no-op.
WORKER_NICENESS = 5
_lowered = threading.local()


def lower_thread_priority() -> None:
    """Make the calling pool thread yield to the GUI thread (once per thread; best effort)."""
    if getattr(_lowered, "done", False):
        return
    _lowered.done = True
    if not hasattr(os, "setpriority") or not hasattr(threading, "get_native_id"):
        return
    try:
        tid = threading.get_native_id()
        now = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, max(now, WORKER_NICENESS)))
    except OSError:  # a sandbox may refuse; the work still runs, just at normal priority
        log.debug("could not lower the priority of a worker thread", exc_info=True)


class Lane(enum.Enum):
    """Which pool a task runs on; each lane runs its tasks one at a time, lanes run in parallel."""

    CAPTION = "caption"  # describing images: one at a time, the latest wins
    MODELS = "models"  # download, import, remove: they change the model folder, so never two at once
    QUICK = "quick"  # short reads: voice lists, the speech probe, folder listings


class TaskState(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"  # result emitted
    FAILED = "failed"  # error emitted
    CANCELLED = "cancelled"  # aborted or superseded: neither result nor error is emitted


class TaskContext:
    """What the work function gets: report progress, check for abort. Safe from any thread."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def should_abort(self) -> bool:
        return self._task._abort.is_set()

    def check_abort(self) -> None:
        """Raise `Cancelled` when the task was aborted (call between steps)."""
        check_abort(self.should_abort)

    def progress(self, value: object) -> None:
        if not self._task._abort.is_set():
            _emit(self._task.signals.progress, value)


def _emit(signal: Any, *args: object) -> None:
    """Emit from the pool thread; a receiver torn down at quit (its signals object already
    deleted by Qt) is nobody left to tell, not an error to print on the terminal."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("a task's signal had no receiver left", exc_info=True)


class TaskSignals(QObject):
    started = Signal()
    progress = Signal(object)
    result = Signal(object)
    error = Signal(str)  # one sentence for people
    finished = Signal()


class Task(QRunnable):
    """One piece of work. Connect to `signals` (or pass callbacks to `TaskRunner.start`)."""

    def __init__(self, fn: Callable[[TaskContext], Any], name: str, key: str | None = None) -> None:
        super().__init__()
        self.fn = fn
        self.name = name
        self.key = key
        self.signals = TaskSignals()  # made on the GUI thread: its slots run there
        self.state = TaskState.PENDING
        self.exception: BaseException | None = None  # for the log and tests
        self.thread_id: int | None = None  # the thread the work ran on (tests check it is not ours)
        self.orphaned = False  # the owner was destroyed: no callbacks at all
        self._abort = threading.Event()
        self._done = threading.Event()
        # Python keeps the task (and its signals) alive until `finished` is handled; a C++
        # auto-delete could drop signals still queued for the GUI thread.
        self.setAutoDelete(False)

    def abort(self) -> None:
        """Ask the work to stop at its next check; its result and error are no longer emitted."""
        self._abort.set()

    def disown(self, *_args: object) -> None:
        """Its owner is gone: abort, and call none of its callbacks any more."""
        self.orphaned = True
        self._abort.set()

    @property
    def aborted(self) -> bool:
        return self._abort.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work function returned (for tests and quitting only)."""
        return self._done.wait(timeout)

    def run(self) -> None:  # a pool thread: no widgets here
        self.thread_id = threading.get_ident()
        lower_thread_priority()
        signals = self.signals
        try:
            if self._abort.is_set():
                raise Cancelled()
            self.state = TaskState.RUNNING
            _emit(signals.started)
            value = self.fn(TaskContext(self))
            if self._abort.is_set():
                raise Cancelled()
        except Cancelled:
            self.state = TaskState.CANCELLED
            log.info("task %s cancelled", self.name)
        except Exception as exc:  # every failure becomes one sentence; details go to the log
            self.exception = exc
            self.state = TaskState.CANCELLED if self._abort.is_set() else TaskState.FAILED
            log.warning("task %s failed", self.name, exc_info=True)
            if not self._abort.is_set():
                _emit(signals.error, localize(user_message(exc)))  # the core's sentence, translated
        else:
            self.state = TaskState.DONE
            _emit(signals.result, value)
        finally:
            self._done.set()
            _emit(signals.finished)


class TaskRunner(QObject):
    """Starts tasks on per-lane pools and keeps the running ones until their `finished`."""

    busy_changed = Signal(bool)  # any task running at all

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        self._running: set[Task] = set()
        self._latest: dict[str, Task] = {}

    # --- starting --------------------------------------------------------------------------
    def start(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        name: str = "",
        lane: Lane = Lane.QUICK,
        key: str | None = None,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Run `fn(context)` off the GUI thread; callbacks run on the GUI thread.

        With `key`, a running task of the same key is aborted and its late signals are dropped.
        With `owner` (the widget whose callbacks these are), the task is aborted and its
        callbacks, `on_finished` included, are dropped once the owner is destroyed.
        """
        task = Task(fn, name or getattr(fn, "__name__", "task"), key)
        if owner is not None:
            owner.destroyed.connect(task.disown)
        if key is not None:
            old = self._latest.get(key)
            if old is not None:
                old.abort()
            self._latest[key] = task
        s = task.signals
        if on_progress is not None:
            s.progress.connect(lambda value, t=task: t.aborted or on_progress(value))
        if on_result is not None:
            s.result.connect(lambda value, t=task: t.aborted or on_result(value))
        if on_error is not None:
            s.error.connect(lambda message, t=task: t.aborted or on_error(message))
        s.finished.connect(lambda t=task: self._on_finished(t))
        if on_finished is not None:
            s.finished.connect(lambda t=task: t.orphaned or on_finished())
        was_busy = bool(self._running)
        self._running.add(task)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool(lane).start(task)
        return task

    def _pool(self, lane: Lane) -> QThreadPool:
        pool = self._pools.get(lane)
        if pool is None:
            pool = self._pools[lane] = QThreadPool(self)
            pool.setMaxThreadCount(1)
        return pool

    def _on_finished(self, task: Task) -> None:
        self._running.discard(task)
        if task.key is not None and self._latest.get(task.key) is task:
            del self._latest[task.key]
        if not self._running:
            self.busy_changed.emit(False)

    # --- looking and stopping --------------------------------------------------------------
    @property
    def running(self) -> frozenset[Task]:
        return frozenset(self._running)

    def current(self, key: str) -> Task | None:
        """The live (not aborted) task of `key`, if any."""
        task = self._latest.get(key)
        return task if task is not None and not task.aborted else None

    def is_busy(self, key: str | None = None) -> bool:
        if key is None:
            return any(not t.aborted for t in self._running)
        return self.current(key) is not None

    def abort(self, key: str) -> bool:
        """Abort the task of `key`; True when there was one."""
        task = self.current(key)
        if task is None:
            return False
        task.abort()
        return True

    def abort_all(self) -> None:
        for task in self._running:
            task.abort()

    def wait(self, msecs: int = 10_000) -> bool:
        """Await every running task (at quit); True when all returned in time."""
        ok = True
        for pool in self._pools.values():
            ok = pool.waitForDone(msecs) and ok
        QCoreApplication.sendPostedEvents()  # deliver their last signals while we still exist
        return ok

    def shutdown(self, msecs: int = 3000) -> bool:
        """Abort everything and wait for it: call when the window closes."""
        self.abort_all()
        return self.wait(msecs)


SHARED_NAME = "alttext-task-runner"


def shared_runner() -> TaskRunner:
    """The application's runner (a child of the QApplication, found by name): dialogs share it
    with the window, so a download outlives its dialog, and quitting aborts and awaits it."""
    app = QCoreApplication.instance()
    found = app.findChild(QObject, SHARED_NAME) if app is not None else None
    if isinstance(found, TaskRunner):
        return found
    runner = TaskRunner(app)
    runner.setObjectName(SHARED_NAME)
    if app is not None:
        app.aboutToQuit.connect(runner.shutdown)
    return runner
