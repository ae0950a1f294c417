"""The training loop, on Hugging Face Accelerate: AdamW with warm-up then linear decay, gradient
accumulation, mixed precision on GPU, one or several devices (`accelerate launch`).

Each epoch: train, validation loss, captions and scores on (part of) the validation split, a
checkpoint (`checkpoints/epoch-NNN`: model, optimiser, scheduler, RNG and `trainer_state.json`), the
best model so far saved as a normal model folder (`best/`), early stopping on validation loss.
Ctrl+C saves `checkpoints/interrupted` (with the position inside the epoch) and `--resume`
continues from the newest checkpoint. Imports torch (training only).
"""

from __future__ import annotations

import errno
import json
import logging
import math
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import torch

from alttext_app.core.errors import AltTextError, Cancelled
from alttext_app.core.training.bases import Prepared, _unwrap
from alttext_app.core.training.data import TrainError
from alttext_app.core.training.evaluate import score_split, validation_loss
from alttext_app.core.training.inputs import ImageInputs

log = logging.getLogger(__name__)
STATE = "trainer_state.json"


@dataclass
class LoopOptions:
    epochs: int = 10
    batch_size: int = 32
    grad_accum: int = 1
    lr: float = 5e-4
    warmup: float = 0.05  # share of all optimiser steps spent warming up
    weight_decay: float = 0.01
    patience: int = 3  # epochs without a better validation loss before stopping
    seed: int = 0
    max_tokens: int = 40
    mixed_precision: str = "auto"  # auto: bf16/fp16 on GPU, none on CPU
    eval_images: int = 300  # validation images captioned each epoch
    keep_checkpoints: int = 2
    time_limit: float | None = None  # seconds; stop after the epoch that passes it


@dataclass
class Split:
    inputs: ImageInputs
    examples: list[tuple[int, str]]  # (image index, caption)
    references: list[list[str]]  # per image


@dataclass
class LoopState:
    epoch: int = 0  # epochs completed
    step_in_epoch: int = 0  # batches done in the interrupted epoch
    best_val_loss: float = math.inf
    best_epoch: int = 0
    bad_epochs: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    initial_val_loss: float | None = None  # the base model's, before any training


class Reporter(Protocol):
    def epoch_start(self, epoch: int, epochs: int, steps: int) -> None: ...
    def step(self, loss: float) -> None: ...
    def epoch_end(self, record: dict[str, Any]) -> None: ...
    def note(self, text: str) -> None: ...


def _precision(choice: str) -> str:
    if choice != "auto":
        return choice
    if not torch.cuda.is_available():
        return "no"
    return "bf16" if torch.cuda.is_bf16_supported() else "fp16"


def friendly_errors(exc: BaseException) -> AltTextError | None:
    """One sentence for out-of-memory and full-disk failures; None for anything else."""
    if isinstance(exc, torch.cuda.OutOfMemoryError) or "out of memory" in str(exc).lower():
        return TrainError("The GPU ran out of memory; use a smaller --batch-size (raise --grad-accum "
                          "to keep the same effective batch).", detail=str(exc))
    if isinstance(exc, MemoryError):
        return TrainError("The computer ran out of memory; use a smaller --batch-size.")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return TrainError("The disk is full; free some space or choose another --output folder.",
                          detail=str(exc))
    return None


def latest_checkpoint(out_dir: Path) -> Path | None:
    found = [p.parent for p in (out_dir / "checkpoints").glob(f"*/{STATE}")]
    return max(found, key=lambda p: (p / STATE).stat().st_mtime_ns, default=None)


class TrainingLoop:
    def __init__(self, prepared: Prepared, train: Split, val: Split, out_dir: Path,
                 options: LoopOptions, reporter: Reporter) -> None:
        from accelerate import Accelerator
        from transformers import get_scheduler

        self.p, self.train, self.val, self.out, self.o, self.r = prepared, train, val, out_dir, options, reporter
        self.acc = Accelerator(mixed_precision=_precision(options.mixed_precision),
                               gradient_accumulation_steps=options.grad_accum)
        model = prepared.model
        params = [p for p in model.parameters() if p.requires_grad]
        decay = [p for p in params if p.dim() >= 2]
        rest = [p for p in params if p.dim() < 2]
        optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": options.weight_decay},
                                       {"params": rest, "weight_decay": 0.0}], lr=options.lr)
        self.steps_per_epoch = math.ceil(len(train.examples) / options.batch_size / self.acc.num_processes)
        total = max(1, options.epochs * math.ceil(self.steps_per_epoch / options.grad_accum))
        scheduler = get_scheduler("linear", optimizer, num_warmup_steps=int(total * options.warmup),
                                  num_training_steps=total)
        self.model, self.optimizer, self.scheduler = self.acc.prepare(model, optimizer, scheduler)
        self.state = LoopState()

    # ---- checkpoints ---------------------------------------------------------------------------
    def resume(self, checkpoint: Path) -> None:
        self.acc.load_state(str(checkpoint))
        data = json.loads((checkpoint / STATE).read_text(encoding="utf-8"))
        self.state = LoopState(**{k: v for k, v in data.items() if k in LoopState.__dataclass_fields__})
        self.r.note(f"Resuming after epoch {self.state.epoch}"
                    + (f", batch {self.state.step_in_epoch}" if self.state.step_in_epoch else "") + ".")

    def _save_checkpoint(self, name: str) -> Path:
        path = self.out / "checkpoints" / name
        self.acc.wait_for_everyone()
        self.acc.save_state(str(path))
        if self.acc.is_main_process:
            (path / STATE).write_text(json.dumps(self.state.__dict__, indent=1), encoding="utf-8")
            olds = sorted(p for p in (self.out / "checkpoints").glob("epoch-*") if p != path)
            for old in olds[: max(0, len(olds) - self.o.keep_checkpoints + 1)]:
                shutil.rmtree(old, ignore_errors=True)
            if name.startswith("epoch-"):
                shutil.rmtree(self.out / "checkpoints" / "interrupted", ignore_errors=True)
        return path

    # ---- one epoch -----------------------------------------------------------------------------
    def _order(self, epoch: int) -> list[tuple[int, str]]:
        order = list(self.train.examples)
        random.Random(self.o.seed * 100_003 + epoch).shuffle(order)  # same order after --resume
        return order

    def _train_epoch(self, epoch: int) -> float:
        bs, device = self.o.batch_size, self.acc.device
        order = self._order(epoch)
        rank, world = self.acc.process_index, self.acc.num_processes
        batches = [order[i : i + bs] for i in range(0, len(order), bs)]
        if world > 1:  # every process must run the same number of steps (DDP syncs each one)
            batches = batches[: len(batches) // world * world][rank::world]
        self.model.train()
        if self.p.founding:
            _unwrap(self.model).encoder.backbone.eval()  # BatchNorm statistics stay ImageNet's
        losses: list[float] = []
        self.r.epoch_start(epoch + 1, self.o.epochs, len(batches))
        for number, chunk in enumerate(batches):
            if number < self.state.step_in_epoch:
                self.r.step(math.nan)
                continue
            batch = {k: v.to(device) for k, v in self.p.batch([c for _, c in chunk], self.o.max_tokens).items()}
            images = self.train.inputs.get([i for i, _ in chunk], device)
            with self.acc.accumulate(self.model), self.acc.autocast():
                loss = self.p.loss(self.model, images, batch)
                self.acc.backward(loss)
                if self.acc.sync_gradients:
                    self.acc.clip_grad_norm_(self.model.parameters(), 1.0)
                self.optimizer.step()
                self.scheduler.step()
                self.optimizer.zero_grad()
            losses.append(float(loss.detach()))
            self.state.step_in_epoch = number + 1
            self.r.step(losses[-1])
        return sum(losses) / max(len(losses), 1)

    def _evaluate(self, epoch: int, train_loss: float) -> dict[str, Any]:
        device, bs = self.acc.device, self.o.batch_size
        model = _unwrap(self.model)
        val_loss = validation_loss(self.p, model, self.val.inputs, self.val.examples, bs, self.o.max_tokens, device)
        scores = score_split(self.p, model, self.val.inputs, self.val.references, 1, bs, device, self.o.eval_images)
        scores.pop("captions")
        return {"epoch": epoch + 1, "train_loss": round(train_loss, 5), "val_loss": round(val_loss, 5),
                "greedy": scores, "lr": self.scheduler.get_last_lr()[0],
                "seconds": round(self.state.seconds, 1)}

    # ---- the whole run -------------------------------------------------------------------------
    def run(self) -> LoopState:
        started = time.monotonic() - self.state.seconds
        if self.state.initial_val_loss is None and self.acc.is_main_process:
            self.state.initial_val_loss = round(validation_loss(
                self.p, _unwrap(self.model), self.val.inputs, self.val.examples, self.o.batch_size,
                self.o.max_tokens, self.acc.device), 5)
            self.r.note(f"Validation loss before training: {self.state.initial_val_loss:.4f}.")
        try:
            while self.state.epoch < self.o.epochs:
                epoch = self.state.epoch
                train_loss = self._train_epoch(epoch)
                self.state.seconds = time.monotonic() - started
                record = self._evaluate(epoch, train_loss) if self.acc.is_main_process else {}
                self.state.epoch, self.state.step_in_epoch = epoch + 1, 0
                if self.acc.is_main_process:
                    self._after_epoch(record)
                self._share_patience()
                self._save_checkpoint(f"epoch-{epoch + 1:03d}")
                if self.state.bad_epochs >= self.o.patience:
                    self.r.note(f"Stopping early: validation loss has not improved for {self.o.patience} epochs.")
                    break
                if self.o.time_limit and time.monotonic() - started > self.o.time_limit:
                    self.r.note("Stopping: the time limit is reached.")
                    break
        except KeyboardInterrupt:
            self.state.seconds = time.monotonic() - started
            path = self._save_checkpoint("interrupted")
            raise Cancelled(f"Stopped; a checkpoint is saved in {path} (continue with --resume).") from None
        except (RuntimeError, MemoryError, OSError) as exc:
            friendly = friendly_errors(exc)
            if friendly is None:
                raise
            raise friendly from exc
        return self.state

    def _share_patience(self) -> None:
        """Every process stops together: the main process decides (it alone evaluates)."""
        if self.acc.num_processes > 1:
            from accelerate.utils import broadcast_object_list

            shared = broadcast_object_list([self.state.bad_epochs])
            self.state.bad_epochs = int(shared[0])

    def _after_epoch(self, record: dict[str, Any]) -> None:
        self.state.history.append(record)
        if record["val_loss"] < self.state.best_val_loss:
            self.state.best_val_loss, self.state.best_epoch, self.state.bad_epochs = record["val_loss"], record["epoch"], 0
            best, partial = self.out / "best", self.out / "best.partial"
            shutil.rmtree(partial, ignore_errors=True)
            self.p.save(self.model, partial)
            shutil.rmtree(best, ignore_errors=True)
            partial.rename(best)
        else:
            self.state.bad_epochs += 1
        record["best"] = self.state.best_epoch == record["epoch"]
        self.r.epoch_end(record)
