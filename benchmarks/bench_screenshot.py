#!/usr/bin/env python3
"""Time the built-in describer on dense full-HD screenshots made by real programs, stage by stage.

The screenshots are made here, at run time, under Xvfb (1920x1080): two xterms side by side
(a numbered Python listing and the README), one full-width xterm with a long text file, and a Qt
window with a table and a text view. Without Xvfb/xterm, Pillow renders a dense page instead.
Each image is described once to warm up, then `--repeat` times. Printed per image: median and
worst wall time, the process's CPU time per run (all threads), the median of each stage
(classify, pre-check, OCR, kind, text description) and the process's peak RSS so far. The load
average and CPU flags are printed beside the figures: on a shared machine wall time is CPU time
times the queueing. `benchmarks/ab_builtin.py` compares two checkouts on the same screenshots.

    .venv/bin/python benchmarks/bench_screenshot.py [--repeat 5] [--keep DIR] [--more-screens]
Target (issue #11): <= 1.0 s end to end on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alttext_app.core.builtin import load_builtin  # noqa: E402
from alttext_app.core.captioner import CaptionOptions  # noqa: E402
from alttext_app.core.images import load_image  # noqa: E402

STAGES = ("classify", "precheck", "ocr", "kind", "total")
XTERM = "xterm -fa 'DejaVu Sans Mono' -fs 10"


def capture(out: Path, programs: list[str]) -> bool:
    script = " ".join(f"{p} &" for p in programs) + f" sleep 3; import -window root '{out}'; kill $(jobs -p)"
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", "sh", "-c", script],
                   capture_output=True, timeout=90, check=False)
    return out.exists()


def qt_window(out: Path) -> bool:
    code = f"""
import os; os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser
app = QApplication([])
split = QSplitter()
table = QTableWidget(40, 5)
table.setHorizontalHeaderLabels(["Name", "Size", "Type", "Modified", "Owner"])
for r in range(40):
    for c, v in enumerate([f"report-{{r:02d}}.pdf", f"{{r * 37 % 900 + 12}} KB", "PDF document", f"2026-11-{{r % 28 + 1:02d}}", "sam"]):
        table.setItem(r, c, QTableWidgetItem(v))
text = QTextBrowser()
text.setMarkdown(open({str(ROOT / "docs" / "builtin-text.md")!r}).read())
split.addWidget(table); split.addWidget(text); split.resize(1920, 1080); split.show(); app.processEvents()
split.grab().save({str(out)!r})
"""
    subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=90, check=False)
    return out.exists()


# Five more dense screens (--more-screens): a file listing, a page of prose beside C-like code on
# black, two documents side by side, a full-width numbered listing, two small terminals on an
# empty desktop.
MORE_SCREENS = {
    "xterm_ls_usr_bin.png": [f"{XTERM} -geometry 236x70+0+0 -e sh -c 'ls -l /usr/bin | head -80; sleep 30'"],
    "xterm_prose_and_code.png": [
        f"{XTERM} -geometry 118x70+0+0 -e sh -c 'cat {ROOT}/docs/builtin-text.md; sleep 30'",
        f"{XTERM} -geometry 118x70+960+0 -bg black -fg green -e sh -c 'cat {ROOT}/alttext_app/core/builtin/text_pixels.py; sleep 30'",
    ],
    "xterm_docs_pair.png": [
        f"{XTERM} -geometry 118x70+0+0 -bg '#002b36' -fg '#93a1a1' -e sh -c 'cat {ROOT}/docs/builtin-photos.md; sleep 30'",
        f"{XTERM} -geometry 118x70+960+0 -e sh -c 'cat {ROOT}/docs/engines.md; sleep 30'",
    ],
    "xterm_python_full.png": [f"{XTERM} -geometry 236x70+0+0 -e sh -c 'cat -n {ROOT}/alttext_app/core/builtin/kind.py; sleep 30'"],
    "xterm_small_on_desktop.png": [
        f"{XTERM} -geometry 90x30+200+150 -e sh -c 'head -40 {ROOT}/docs/builtin-text.md; sleep 30'",
        f"{XTERM} -geometry 100x45+1000+300 -bg '#1e1e1e' -fg '#d4d4d4' -e sh -c 'cat -n {ROOT}/alttext_app/core/builtin/text_plan.py; sleep 30'",
    ],
}


def make_screens(folder: Path, more: bool = False) -> list[Path]:
    made = []
    if shutil.which("xvfb-run") and shutil.which("xterm") and shutil.which("import"):
        two = folder / "xterms_code_and_readme.png"
        if capture(two, [f"{XTERM} -geometry 118x70+0+0 -e sh -c 'cat -n {ROOT}/alttext_app/core/builtin/ocr.py; sleep 30'",
                         f"{XTERM} -geometry 118x70+960+0 -bg '#1e1e1e' -fg '#d4d4d4' -e sh -c 'cat {ROOT}/README.md; sleep 30'"]):
            made.append(two)
        one = folder / "xterm_full_document.png"
        if capture(one, [f"{XTERM} -geometry 236x70+0+0 -e sh -c 'cat {ROOT}/docs/builtin-photos.md; sleep 30'"]):
            made.append(one)
        for name, programs in MORE_SCREENS.items() if more else ():
            if capture(folder / name, programs):
                made.append(folder / name)
    qt = folder / "qt_table_and_help.png"
    if qt_window(qt):
        made.append(qt)
    if not made:  # no X programs: a dense page rendered by Pillow
        from PIL import Image, ImageDraw, ImageFont

        page = Image.new("RGB", (1920, 1080), "white")
        draw = ImageDraw.Draw(page)
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 13)
        lines = (ROOT / "README.md").read_text().splitlines()
        for i, line in enumerate(lines[:62]):
            draw.text((10, 8 + 17 * i), line[:230], font=font, fill="black")
        made.append(folder / "pillow_dense_page.png")
        page.save(made[-1])
    return made


def cpu_flags() -> str:
    try:
        flags = next(ln for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("flags")).split()
        model = next(ln for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name"))
    except (OSError, StopIteration):
        return "unknown CPU"
    wanted = [f for f in ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni") if f in flags]
    return f"{model.split(':', 1)[1].strip()}; {os.cpu_count()} cores; {' '.join(wanted)}"


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    try:
        line = next(ln for ln in Path("/proc/self/status").read_text().splitlines() if ln.startswith("VmHWM"))
    except (OSError, StopIteration):
        return float("nan")
    return int(line.split()[1]) / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the screenshots in this folder")
    parser.add_argument("--more-screens", action="store_true", help="five more dense screens (MORE_SCREENS)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="alttext-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    screens = make_screens(folder, args.more_screens)
    captioner = load_builtin()
    options = CaptionOptions()
    print(f"CPU: {cpu_flags()}; load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print()
    print("| screenshot | words | wall median s | wall worst s | CPU s/run | "
          + " | ".join(f"{s} ms" for s in STAGES) + " | peak RSS MB | load | alt text |")
    print("|---|---|---|---|---|" + "---|" * len(STAGES) + "---|---|---|")
    for path in screens:
        image = load_image(path)
        captioner.caption(image, options)
        walls, cpus, runs = [], [], []
        for _ in range(args.repeat):
            cpu0, wall0 = cpu_seconds(), time.perf_counter()
            runs.append(captioner.caption(image, options))
            walls.append(time.perf_counter() - wall0)
            cpus.append(cpu_seconds() - cpu0)
        stages = [statistics.median(r.extra["timings"].get(s, 0.0) for r in runs) * 1000 for s in STAGES]
        words = len((runs[0].ocr_text or "").split())
        print(f"| {path.name} | {words} | {statistics.median(walls):.2f} | {max(walls):.2f} | "
              f"{statistics.median(cpus):.2f} | " + " | ".join(f"{v:.0f}" for v in stages)
              + f" | {peak_rss_mb():.0f} | {os.getloadavg()[0]:.1f} | {runs[0].text[:90]} |")
    captioner.close()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
