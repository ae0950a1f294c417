"""The same batch on a Ray cluster (optional `ray` extra): Ray Data reads the list of paths and
`map_batches` sends them through a pool of actors, each holding one loaded captioner.

Every actor makes records with the same `Describer` as the local run, so the alt text is the same
image for image. Records stream back to this process and go into the same result log as they
arrive: a Ray run resumes like a local one, and mixing the two is fine. Images are read by the
workers from their own file system: on a real cluster the folders must be mounted at the same path
on every node (docs/library.md has the recipe).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.errors import AltTextError
from alttext_app.core.library.batch import BatchSummary, OnRecord, Tally
from alttext_app.core.library.describe import DescribeConfig, Describer
from alttext_app.core.library.result_log import ResultLog

log = logging.getLogger(__name__)

LOCAL = "local"  # start a private Ray instance on this machine
BATCH_SIZE = 8  # images per actor call: small, so records come back steadily


class CaptionActor:
    """A Ray actor: loads the model once, then turns batches of paths into JSON records."""

    def __init__(self, config: dict[str, Any]) -> None:
        fields = {key: value for key, value in config.items() if key != "options"}
        options = CaptionOptions(**config["options"])
        self.describer = Describer(DescribeConfig(options=options, **fields))
        self.describer.load()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        records = [json.dumps(self.describer.record(p), ensure_ascii=False) for p in batch["path"]]
        return {"record": np.array(records, dtype=object)}


def _import_ray():
    try:
        import ray
        import ray.data
        import ray.exceptions  # noqa: F401 - used as ray.exceptions
    except ImportError as exc:
        raise AltTextError("Running on Ray needs it installed: pip install 'alttext[ray]'.") from exc
    return ray


def start_ray(address: str, workers: int | None) -> int:
    """Connect to (or start) Ray; returns how many actors to run."""
    ray = _import_ray()
    quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
    if not ray.is_initialized():
        try:
            if address == LOCAL:
                ray.init(num_cpus=workers or os.cpu_count() or 1, **quiet)
            else:
                ray.init(address=address, **quiet)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise AltTextError(f"Cannot reach the Ray cluster at “{address}”.", detail=str(exc)) from exc
    ray.data.DataContext.get_current().enable_progress_bars = False
    return workers or max(1, int(ray.cluster_resources().get("CPU", 1)))


def run_ray_batch(
    images: Sequence[Path],
    result_log: ResultLog,
    config: DescribeConfig,
    *,
    address: str = LOCAL,
    workers: int | None = None,
    skipped: int = 0,
    on_record: OnRecord | None = None,
) -> BatchSummary:
    ray = _import_ray()
    tally = Tally(images, result_log, skipped, on_record)
    if tally.todo:
        size = start_ray(address, workers)
        dataset = ray.data.from_items([{"path": str(p)} for p in tally.todo]).map_batches(
            CaptionActor,
            fn_constructor_kwargs={"config": asdict(config)},
            batch_size=BATCH_SIZE,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=1,
        )
        try:
            for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                for text in batch["record"]:
                    tally.add(json.loads(text))
        except ray.exceptions.RayError as exc:
            raise _as_user_error(exc) from exc
    return tally.summary()


def _as_user_error(exc: Exception) -> AltTextError:
    """A worker's failure in one sentence: the AltTextError it raised (a missing model), if any.
    An actor that died in its constructor reaches us only as text (its remote traceback)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, AltTextError):
            return AltTextError(cause.user_message, detail=str(exc))
        cause = getattr(cause, "cause", None) or cause.__cause__
    found = re.findall(r"^alttext_app\.core\.errors\.\w+: (.+)$", str(exc), re.MULTILINE)
    if found:
        return AltTextError(found[-1].strip(), detail=str(exc))
    return AltTextError("The Ray workers stopped with an error; the details are in the log.", detail=str(exc))
