"""Cold start, per phase: a new `alttext caption` process, and a new window launched with an image,
each with an ONNX export installed, until the caption is printed / in the caption field (issue #12).

    PYTHONPATH=. .venv/bin/python benchmarks/startup_bench.py --model models/bench/vit-gpt2-onnx-int8
    PYTHONPATH=. .venv/bin/python benchmarks/startup_bench.py --model DIR --runs 5 --what cli,window

Every run is a fresh Python process (the OS file cache stays warm: the export's graphs were read by
the previous run, as on a desktop where the model was used before). The parent notes the wall
clock just before it starts the child; the child reports, against that clock, when each phase
ended. The child runs the real entry points (`alttext_app.cli.main.main`, the window's
`create_application` + `MainWindow` + `load_first_of`, as `alttext-app IMAGE` does) and only
wraps the model service's load to split "load the model" from "describe". The `cli (plain)` row
is the unwrapped `python -m alttext_app.cli.main caption` command timed from outside.
Prints the median of each phase over the runs, the CPU flags and the load average.
Target (issue #12): window launch to first caption <= 2 s with an int8 model installed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMAGE = REPO / "tests" / "data" / "images" / "coffee.jpg"


class Clock:
    """Phase ends in seconds since the parent started this process (wall clock, same machine)."""

    def __init__(self, origin: float) -> None:
        self.origin = origin
        self.marks: dict[str, float] = {}

    def mark(self, phase: str) -> None:
        self.marks[phase] = time.time() - self.origin


def _time_model_loads(clock: Clock) -> None:
    """Mark when the model service starts and finishes loading (the first load only) and when the
    first caption (`Session.caption`: read the image, get the model, describe) ends."""
    from alttext_app.core.service import ModelService
    from alttext_app.core.session import Session

    caption = Session.caption

    def timed_caption(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        try:
            return caption(self, *args, **kwargs)
        finally:
            if "describe" not in clock.marks:
                clock.mark("describe")

    Session.caption = timed_caption

    load = ModelService._load

    def timed(model_dir, backend, device):  # noqa: ANN001, ANN202 - ModelService._load's own
        first = "load the model" not in clock.marks
        if first:
            clock.mark("before load")
        try:
            return load(model_dir, backend, device)
        finally:
            if first:
                clock.mark("load the model")

    ModelService._load = staticmethod(timed)


def child_cli(origin: float, model: str) -> dict[str, float]:
    clock = Clock(origin)
    clock.mark("python started")
    from alttext_app.cli import main as cli

    clock.mark("imports")
    _time_model_loads(clock)
    code = cli.main(["caption", str(IMAGE), "--model", model, "--backend", "onnx"])
    clock.mark("printed")
    if code != 0:
        raise SystemExit(code)
    marks = clock.marks
    marks["arguments and settings"] = marks.pop("before load")
    return marks


def child_window(origin: float) -> dict[str, float]:
    """`alttext-app IMAGE` as the desktop starts it (`gui.app.main`), with marks added around
    its steps; the event loop quits once the caption is in the field."""
    clock = Clock(origin)
    clock.mark("python started")
    from alttext_app.gui import app as gui_app

    clock.mark("imports")
    _time_model_loads(clock)
    create = gui_app.create_application
    seen: dict[str, object] = {}

    def create_and_watch(*args):  # noqa: ANN002, ANN202 - create_application's own
        app = create(*args)
        clock.mark("QApplication")
        from PySide6.QtCore import QTimer

        def check() -> None:
            window = gui_app._window
            if window is not None and "window shown" not in clock.marks and window.isVisible():
                clock.mark("window shown")
            if window is not None and window.panel.text().strip():
                clock.mark("caption in the field")
                seen["result"] = window.image.result if window.image else None
                app.quit()

        poll = seen["poll"] = QTimer(interval=2)  # polled every 2 ms inside the app's own loop
        poll.timeout.connect(check)
        poll.start()
        QTimer.singleShot(120_000, app.quit)
        return app

    gui_app.create_application = create_and_watch
    gui_app.main([str(IMAGE)])
    result = seen.get("result")
    if result is None:
        raise SystemExit(f"no caption within 120 s ({time.time() - origin:.1f} s)")
    marks = clock.marks
    marks.pop("before load", None)
    return marks  # the caller exits at once: tearing down Qt and the worker threads is not measured


def run_child(what: str, model: Path, env: dict[str, str]) -> dict[str, float]:
    origin = time.time()
    proc = subprocess.run([sys.executable, __file__, "--child", what, "--model", str(model),
                           "--origin", repr(origin)], capture_output=True, text=True, env=env,
                          cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} run failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_plain_cli(model: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "alttext_app.cli.main", "caption", str(IMAGE), "--model",
                    str(model), "--backend", "onnx"], check=True, capture_output=True, env=env, cwd=REPO)
    return time.perf_counter() - started


def _largest_vocab(config: object) -> int:
    if isinstance(config, dict):
        found = [int(config["vocab_size"])] if isinstance(config.get("vocab_size"), int) else []
        return max([*found, *(_largest_vocab(v) for v in config.values())], default=0)
    return 0


def forced_variant(model: Path, folder: Path, tokens: int) -> Path:
    """The export as the benchmark runs it: its files linked, not copied, but exactly `tokens` new
    tokens (EOS forbidden, as in engines_bench) and a word-per-id tokenizer, so that a random-weight
    model writes a caption the window shows instead of stopping at once or decoding to nothing."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    folder.mkdir(parents=True)
    for path in model.iterdir():
        if path.name not in ("manifest.json", "tokenizer.json"):
            (folder / path.name).symlink_to(path.resolve())
    manifest = json.loads((model / "manifest.json").read_text(encoding="utf-8"))
    manifest["generation"].update(min_new_tokens=tokens, max_new_tokens=tokens)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    vocab = _largest_vocab(json.loads((model / "config.json").read_text(encoding="utf-8")))
    tok = Tokenizer(models.WordLevel({f"w{i}": i for i in range(max(vocab, 1))}, unk_token="w0"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.decoder = decoders.WordPiece()  # joins words with spaces
    tok.save(str(folder / "tokenizer.json"))
    return folder


def environment(work: Path, model: Path) -> dict[str, str]:
    """A fresh config, log and model folder with `model` installed."""
    models = work / "models"
    models.mkdir(parents=True, exist_ok=True)
    model.rename(models / model.name)
    env = dict(os.environ, ALTTEXT_CONFIG_DIR=str(work / "config"), ALTTEXT_MODELS_DIR=str(models),
               ALTTEXT_LOG_DIR=str(work / "logs"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def measure(model: Path, runs: int, what: list[str], tokens: int) -> dict[str, dict[str, float]]:
    """Median phase ends per entry point, and the plain CLI's wall time."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="alttext-startup-") as tmp:
        model = forced_variant(model, Path(tmp) / model.name, tokens)
        env = environment(Path(tmp), model)
        model = Path(tmp) / "models" / model.name
        for kind in what:
            if kind == "cli-plain":
                times = [run_plain_cli(model, env) for _ in range(runs)]
                results[kind] = {"total": statistics.median(times)}
                continue
            runs_marks = [run_child(kind, model, env) for _ in range(runs)]
            results[kind] = {phase: statistics.median(m[phase] for m in runs_marks)
                             for phase in runs_marks[0]}
    return results


def print_table(results: dict[str, dict[str, float]]) -> None:
    for kind, marks in results.items():
        if kind == "cli-plain":
            print(f"\ncli (plain `python -m alttext_app.cli.main caption`): {marks['total']:.2f} s")
            continue
        # In time order: the window loads the model while it builds itself, so phases overlap.
        print(f"\n{kind}: | phase | ends at s | since the previous mark s |\n|---|---:|---:|")
        previous = 0.0
        for phase in sorted(marks, key=marks.get):
            print(f"| {phase} | {marks[phase]:.2f} | {marks[phase] - previous:.2f} |")
            previous = marks[phase]
        print(f"| **total** | **{previous:.2f}** | |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--model", type=Path, default=REPO / "models" / "bench" / "vit-gpt2-onnx-int8",
                        help="an ONNX export folder (made by engines_bench.py or `alttext export`)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--what", default="cli,cli-plain,window", help="of cli, cli-plain, window")
    parser.add_argument("--tokens", type=int, default=20, help="new tokens per caption (forced)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", choices=("cli", "window"), help=argparse.SUPPRESS)
    parser.add_argument("--origin", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(REPO))
        marks = child_cli(args.origin, str(args.model)) if args.child == "cli" else child_window(args.origin)
        print(json.dumps(marks), flush=True)
        os._exit(0)
    if not (args.model / "manifest.json").is_file():
        print(f"{args.model} is not an ONNX export; run engines_bench.py first.", file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).parent))
    from builtin_bench import cpu_flags

    before = os.getloadavg()
    results = measure(args.model, args.runs, args.what.split(","), args.tokens)
    after = os.getloadavg()
    print(f"CPU: {cpu_flags()}; {os.cpu_count()} CPUs; load average before {before[0]:.2f}, after "
          f"{after[0]:.2f}; model {args.model.name}, {args.tokens} tokens; median of {args.runs} "
          "fresh processes")
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps({"results": results, "load_before": before, "load_after": after,
                                         "cpu": cpu_flags(), "runs": args.runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
