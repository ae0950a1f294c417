"""The batch result log: one record per image, appended as each image finishes.

Written as it goes so a killed run loses nothing it finished: each record is one `write()` of a
whole line to a file opened for appending, so even `kill -9` leaves whole lines (the kernel has
the bytes; only a power cut could lose the last ones). On resume the records already there are
read back and their images are not described again. A line cut short by a full disk or power cut
is dropped on resume, and that image is described again.

Two formats, chosen by the file's suffix: JSON Lines (.jsonl, every field) and CSV (.csv, the
fields people open in a spreadsheet).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

from alttext_app.core.errors import AltTextError

log = logging.getLogger(__name__)

Record = dict[str, Any]
CSV_FIELDS = ("path", "alt_text", "error", "kind", "text", "labels", "model", "backend", "seconds")


class LogFormat(str, Enum):
    JSONL = ".jsonl"
    CSV = ".csv"

    @classmethod
    def for_path(cls, path: Path) -> LogFormat:
        suffix = path.suffix.lower()
        if suffix == ".json":
            return cls.JSONL
        for fmt in cls:
            if fmt.value == suffix:
                return fmt
        raise AltTextError(f"Results go to a .jsonl or .csv file, not “{path.name}”.")


def read_records(path: Path) -> list[Record]:
    """Every whole record in a result log (a cut-short last line is left out)."""
    fmt = LogFormat.for_path(path)
    data = path.read_bytes().decode("utf-8", errors="replace")
    if not data.endswith("\n"):
        data = data[: data.rfind("\n") + 1]
    if fmt is LogFormat.JSONL:
        records = []
        for number, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                log.warning("%s line %d is not a record; ignored", path, number)
        return records
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    for row in rows:
        row["error"] = row.get("error") or None
        row["labels"] = [{"label": n} for n in (row.get("labels") or "").split("; ") if n]
    return rows


class ResultLog:
    """An append-only result log. Use `open_log` to create or resume one."""

    def __init__(self, path: Path, fd: int, done: dict[str, Record]) -> None:
        self.path = path
        self.format = LogFormat.for_path(path)
        self._fd = fd
        self.done = done  # path → record, from earlier runs and this one

    def append(self, record: Record) -> None:
        os.write(self._fd, self._line(record))  # one write per record (see module note)
        self.done[record["path"]] = record

    def _line(self, record: Record) -> bytes:
        if self.format is LogFormat.JSONL:
            return (json.dumps(record, ensure_ascii=False) + "\n").encode()
        row = {key: record.get(key) for key in CSV_FIELDS}
        row["labels"] = "; ".join(item["label"] for item in record.get("labels") or [])
        buffer = io.StringIO()
        csv.DictWriter(buffer, CSV_FIELDS, lineterminator="\n").writerow(row)
        return buffer.getvalue().encode()

    def records(self) -> Iterator[Record]:
        return iter(self.done.values())

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> ResultLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_log(path: str | Path, resume: bool) -> ResultLog:
    """Create a new result log, or with `resume` continue an existing one.

    An existing log is never overwritten: without `resume` that is an error, so a second run
    cannot wipe hours of finished work by accident.
    """
    path = Path(path)
    fmt = LogFormat.for_path(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists and not resume:
        raise AltTextError(
            f"“{path.name}” already exists: add --resume to continue it, or choose another file."
        )
    done: dict[str, Record] = {}
    if exists:
        _drop_partial_line(path)
        for record in read_records(path):
            if record.get("path"):
                done[record["path"]] = record
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    if not exists and fmt is LogFormat.CSV:
        os.write(fd, (",".join(CSV_FIELDS) + "\n").encode())
    return ResultLog(path, fd, done)


def _drop_partial_line(path: Path) -> None:
    """Cut a last line that has no newline (a write cut short), so new records start clean."""
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        keep = 0
        position = size
        while position > 0:
            step = min(65536, position)
            position -= step
            handle.seek(position)
            block = handle.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                keep = position + cut + 1
                break
        log.warning("%s ended in a cut-short line; dropped it", path)
        handle.truncate(keep)
