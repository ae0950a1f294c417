"""The end of a run: the best model scored on the held-out split (greedy and beam), metrics.json,
report.md with sample captions, the learning curve, and the import into AltText's models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from alttext_app.core.training.evaluate import score_split

SAMPLES = 12


def finish(prepared, runner, state, splits: dict, out: Path, request, reporter) -> dict[str, Any]:
    from alttext_app.core.training.api import import_trained
    from alttext_app.core.training.plot import learning_curve

    best = out / "best"
    device = runner.acc.device
    model = prepared.family.load_torch(best, str(device), torch.float32)
    held_out = "test" if "test" in splits else "val"
    split = splits[held_out]
    bs = runner.o.batch_size
    greedy = score_split(prepared, model, split.inputs, split.references, 1, bs, device)
    beam = score_split(prepared, model, split.inputs, split.references, request.beams, bs, device)
    samples = [{"image": str(split.inputs.paths[i]), "references": split.references[i],
                "greedy": greedy["captions"][i], "beam": beam["captions"][i]}
               for i in range(min(SAMPLES, len(split.references)))]
    metrics = {
        "base": request.base, "held_out_split": held_out, "best_epoch": state.best_epoch,
        "best_val_loss": state.best_val_loss, "initial_val_loss": state.initial_val_loss,
        "epochs_run": state.epoch,
        "train_seconds": round(state.seconds, 1), "model_dir": str(best),
        "greedy": {k: v for k, v in greedy.items() if k != "captions"},
        f"beam{request.beams}": {k: v for k, v in beam.items() if k != "captions"},
        "history": state.history, "samples": samples,
    }
    if request.name:
        metrics["installed_as"] = request.name
        metrics["installed_path"] = str(import_trained(best, request.name))
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False), encoding="utf-8")
    learning_curve(state.history, out / "learning_curve.png", f"{request.base} on {Path(request.data).name}")
    (out / "report.md").write_text(_report(metrics, request.beams), encoding="utf-8")
    reporter.note(f"Held-out ({held_out}, {greedy['images']} images): exact {greedy['exact_match']:.1%}, "
                  f"BLEU-4 {greedy['bleu4']:.3f}, CIDEr-D {greedy['cider_d']:.2f} (greedy); "
                  f"beam {request.beams}: exact {beam['exact_match']:.1%}, CIDEr-D {beam['cider_d']:.2f}.")
    return metrics


def _report(m: dict[str, Any], beams: int) -> str:
    g, b = m["greedy"], m[f"beam{beams}"]
    lines = [
        f"# Training report: {m['base']}", "",
        f"Best epoch {m['best_epoch']} of {m['epochs_run']} (validation loss {m['best_val_loss']:.4f}, "
        f"{m['initial_val_loss']:.4f} before training), "
        f"{m['train_seconds']:.0f} s of training. Model folder: `{m['model_dir']}`"
        + (f", installed as “{m['installed_as']}”." if m.get("installed_as") else "."), "",
        f"Held-out split “{m['held_out_split']}”, {g['images']} images:", "",
        "| decoding | exact match | BLEU-4 | CIDEr-D |", "|---|---|---|---|",
        f"| greedy | {g['exact_match']:.1%} | {g['bleu4']:.3f} | {g['cider_d']:.3f} |",
        f"| beam {beams} | {b['exact_match']:.1%} | {b['bleu4']:.3f} | {b['cider_d']:.3f} |", "",
        "| epoch | train loss | val loss | val exact (greedy) | val CIDEr-D |", "|---|---|---|---|---|",
    ]
    lines += [f"| {r['epoch']} | {r['train_loss']:.4f} | {r['val_loss']:.4f} | "
              f"{r['greedy']['exact_match']:.1%} | {r['greedy']['cider_d']:.3f} |" for r in m["history"]]
    lines += ["", "## Sample captions", ""]
    for s in m["samples"]:
        lines += [f"- `{Path(s['image']).name}` — greedy: {s['greedy']} · beam: {s['beam']} · "
                  f"reference: {s['references'][0]}"]
    return "\n".join(lines) + "\n"
