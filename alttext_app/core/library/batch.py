"""Caption many images into a result log, resumably: what the log already holds is not redone."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alttext_app.core.captioner import AbortCheck, check_abort
from alttext_app.core.library.describe import Record
from alttext_app.core.library.result_log import ResultLog

# Called after each image with the record just written.
OnRecord = Callable[[Record], None]


@dataclass
class BatchSummary:
    total: int  # images found
    already_done: int  # in the log from an earlier run
    described: int  # captioned in this run
    failed: int  # of those, how many have an error recorded
    skipped: int  # files that are not images
    seconds: float

    @property
    def rate(self) -> float:
        """Images per second in this run."""
        return self.described / self.seconds if self.seconds > 0 else 0.0


def pending(images: Sequence[Path], log: ResultLog) -> list[Path]:
    """The images the log has no record of yet, in order."""
    return [path for path in images if str(path) not in log.done]


class Tally:
    """Writes each new record to the log as it comes and counts for the summary (local and Ray)."""

    def __init__(self, images: Sequence[Path], log: ResultLog, skipped: int,
                 on_record: OnRecord | None) -> None:
        self.images, self.log, self.skipped, self.on_record = images, log, skipped, on_record
        self.todo = pending(images, log)
        self.started = time.monotonic()
        self.described = self.failed = 0

    def add(self, record: Record) -> None:
        self.log.append(record)
        self.described += 1
        self.failed += record.get("error") is not None
        if self.on_record:
            self.on_record(record)

    def summary(self) -> BatchSummary:
        return BatchSummary(
            total=len(self.images), already_done=len(self.images) - len(self.todo),
            described=self.described, failed=self.failed, skipped=self.skipped,
            seconds=time.monotonic() - self.started,
        )


def run_batch(
    images: Sequence[Path],
    log: ResultLog,
    describe: Callable[[Path], Record],
    *,
    skipped: int = 0,
    on_record: OnRecord | None = None,
    should_abort: AbortCheck | None = None,
) -> BatchSummary:
    """Describe every image the log lacks, appending each record as soon as it is made."""
    tally = Tally(images, log, skipped, on_record)
    for path in tally.todo:
        check_abort(should_abort)
        tally.add(describe(path))
    return tally.summary()
