#!/usr/bin/env python3
"""Make the "purpose" evaluation set: charts, code with a line-number gutter, tables and dialogs
drawn by real programs (gnuplot, xterm under Xvfb, Qt widgets), in tests/data/eval/text/purpose/.

The expected description parts (`expect`) are written here, before the describer ever sees the
images: a chart's type, title, series and x range; a listing's language and a name it shows; a
table's headers and size; a dialog's message and buttons. Also `never`: text that must not be
quoted (a line-number gutter). benchmarks/eval_builtin_text.py --set ... checks them.

Needs: gnuplot (gnuplot-nox), xvfb-run, xterm, imagemagick, fonts-dejavu, PySide6.
Usage: .venv/bin/python scripts/make_eval_purpose.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "eval" / "text" / "purpose"
records: list[dict] = []


def record(name: str, kind: str, text: str, source: str, expect: dict, never=()) -> None:
    records.append({"file": name, "kind": kind, "text": text, "key": [], "source": source,
                    "expect": expect, "never": list(never)})


def gnuplot(name: str, script: str, data: dict[str, str], size=(640, 400)) -> bool:
    if not shutil.which("gnuplot"):
        print("skip", name, "(no gnuplot)")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        for file, body in data.items():
            Path(tmp, file).write_text(body)
        head = (f"set terminal pngcairo size {size[0]},{size[1]} font 'DejaVu Sans,10'\n"
                f"set output '{OUT / name}'\n")
        subprocess.run(["gnuplot"], input=head + script, text=True, cwd=tmp, check=True)
    print(name, (OUT / name).stat().st_size // 1024, "KB")
    return True


def charts() -> None:
    rows = "\n".join(f"{m} {20 + (m * 7) % 30} {5 + (m * 3) % 11}" for m in range(0, 61, 5))
    if gnuplot("gp_traffic_lines.png", """
set title 'Network traffic'
set xlabel 'minutes'
set ylabel 'MB/s'
set key top left
plot 'net.dat' using 1:2 with lines lw 2 title 'Download', '' using 1:3 with lines lw 2 title 'Upload'
""", {"net.dat": rows}):
        record("gp_traffic_lines.png", "chart", "Network traffic\nDownload\nUpload\nminutes\nMB/s",
               "gnuplot 5 pngcairo, two line series",
               {"chart": "line", "title": "Network traffic", "series": ["Download", "Upload"],
                "x_to": "60"})
    regions = "North 42\nSouth 35\nEast 28\nWest 51\n"
    if gnuplot("gp_sales_bars.png", """
set title 'Sales by region'
set style fill solid 0.8
set boxwidth 0.6
set yrange [0:*]
unset key
plot 'sales.dat' using 0:2:xtic(1) with boxes lc rgb '#3070c0'
""", {"sales.dat": regions}):
        record("gp_sales_bars.png", "chart", "Sales by region\nNorth South East West",
               "gnuplot 5 pngcairo, bar chart (boxes)",
               {"chart": "bar", "title": "Sales by region", "categories": ["North", "West"]})
    years = "\n".join(f"{y} {300 + (y - 2015) * 40} {200 + (y - 2015) * 25} {90 + (y - 2015) * 5}"
                      for y in range(2015, 2025))
    if gnuplot("gp_members_years.png", """
set title 'Club members per year'
set key outside right
set xtics 2015,3,2024
plot 'm.dat' using 1:2 with linespoints title 'Adults', '' using 1:3 with linespoints title 'Children', '' using 1:4 with linespoints title 'Seniors'
""", {"m.dat": years}, size=(700, 380)):
        record("gp_members_years.png", "chart", "Club members per year\nAdults\nChildren\nSeniors",
               "gnuplot 5 pngcairo, three series, legend outside",
               {"chart": "line", "title": "Club members per year",
                "series": ["Adults", "Children", "Seniors"]})


CODE = '''import csv
from pathlib import Path


def read_prices(path: Path) -> dict[str, float]:
    """Prices by product name from a two-column CSV file."""
    prices = {}
    with path.open(newline="") as handle:
        for name, price in csv.reader(handle):
            prices[name] = float(price)
    return prices


def cheapest(prices: dict[str, float]) -> str:
    return min(prices, key=prices.get)
'''


def x11(name: str, program: str, geometry: str) -> bool:
    if not shutil.which("xvfb-run"):
        print("skip", name, "(no xvfb-run)")
        return False
    script = f"{program} & pid=$!; sleep 2; import -window root -crop {geometry} +repage '{OUT / name}'; kill $pid"
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 900x600x24", "sh", "-c", script],
                   capture_output=True, text=True, timeout=60, check=False)
    ok = (OUT / name).exists()
    print(name, "ok" if ok else "failed")
    return ok


def terminals() -> None:
    if not shutil.which("xterm"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "prices.py"
        code.write_text(CODE)
        term = ("xterm -geometry 70x18+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg '#202124' -fg '#e8eaed' "
                f"-e sh -c 'cat -n {code}; sleep 10'")
        if x11("xterm_gutter_python.png", term, "500x290+0+0"):
            record("xterm_gutter_python.png", "code", CODE,
                   "xterm under Xvfb, `cat -n` of a Python file (line-number gutter)",
                   {"language": "Python", "names": ["read_prices"]},
                   never=["1 import", "2 from", "3", "4", "5 def"])
        table = Path(tmp) / "t.txt"
        table.write_text("NAME      STATUS    CPU   MEMORY\nweb-1     Running   12%   340Mi\n"
                         "web-2     Running   9%    310Mi\ndb-0      Pending   0%    0Mi\n"
                         "cache-0   Running   3%    95Mi\n")
        term = ("xterm -geometry 40x7+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg white -fg black "
                f"-e sh -c 'cat {table}; sleep 10'")
        if x11("xterm_status_table.png", term, "300x120+0+0"):
            record("xterm_status_table.png", "table", table.read_text(),
                   "xterm under Xvfb, a status table",
                   {"headers": ["NAME", "STATUS", "CPU", "MEMORY"], "rows": 4})


def qt() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget, QTableWidgetItem

    app = QApplication.instance() or QApplication([])
    app.setFont(QFont("DejaVu Sans", 10))
    table = QTableWidget(5, 3)
    table.setHorizontalHeaderLabels(["Title", "Author", "Year"])
    books = [("Dune", "Frank Herbert", "1965"), ("Emma", "Jane Austen", "1815"),
             ("Ulysses", "James Joyce", "1922"), ("Beloved", "Toni Morrison", "1987"),
             ("Hamlet", "William Shakespeare", "1603")]
    for r, row in enumerate(books):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resize(420, 200)
    table.show()
    app.processEvents()
    table.grab().save(str(OUT / "qt_books_table.png"))
    record("qt_books_table.png", "table",
           "Title Author Year\n" + "\n".join(" ".join(b) for b in books),
           "Qt QTableWidget, offscreen", {"headers": ["Title", "Author", "Year"], "rows": 5})
    box = QMessageBox(QMessageBox.Icon.Warning, "Delete photos",
                      "Delete 12 photos from the album?",
                      QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
    box.setInformativeText("You can restore them from the bin for 30 days.")
    box.show()
    app.processEvents()
    box.grab().save(str(OUT / "qt_delete_box.png"))
    record("qt_delete_box.png", "dialog",
           "Delete 12 photos from the album?\nYou can restore them from the bin for 30 days.\nCancel Yes",
           "Qt QMessageBox, offscreen",
           {"message": "Delete 12 photos from the album?", "buttons": ["Cancel", "Yes"]})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    charts()
    terminals()
    qt()
    (OUT / "labels.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
    print(len(records), "images;", OUT)


if __name__ == "__main__":
    sys.exit(main())
