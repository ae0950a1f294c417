"""Chinese alt text for a TextScene: the same facts as `render_en_text`, in Chinese phrasing.

"折线图，标题为“网络流量”，横轴从 0 到 60 分钟，系列为 Download 和 Upload",
"Python 代码，定义了 read_prices 和 cheapest，开头为“def read_prices(…”",
"表格，共 5 行，列为“书名”、“作者”和“年份”", "对话框，询问“要删除这些照片吗？”，按钮为“删除”和“取消”".
The image's own text is quoted as it is (it may be English); quotes follow the head directly and
each other with "、"; the budget is in characters (alttext_rules_zh.budget); the final "。" is left
to the alt-text rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from alttext_app.core.alttext_rules_zh import fit_zh, zh_len
from alttext_app.core.builtin.text_scene import ChartInfo, TextScene

_UNREADABLE = {
    "screenshot": "截图，其中的文字无法识别", "document": "文档，其中的文字无法识别",
    "code": "代码，无法识别", "chart": "图表", "table": "表格，无法识别",
    "dialog": "对话框，其中的文字无法识别",
}
# kind -> (head when read confidently, head when not)
_HEADS = {
    "screenshot": ("截图，文字为", "截图，文字可能为"), "document": ("文档，内容为", "文档，内容可能为"),
    "graphic": ("图形，文字为", "图形，文字可能为"), "photo": ("文字为", "文字可能为"),
}
_CHART_KINDS = {"line": "折线图", "bar": "柱状图"}
_UNITS = {"milliseconds": "毫秒", "seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "天",
          "weeks": "周", "months": "个月", "years": "年", "percent": "%", "s": "秒", "ms": "毫秒",
          "min": "分钟", "h": "小时", "d": "天"}


def and_join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    # Spaces around 和 beside Latin words, as Chinese typesetting does ("Download 和 Upload").
    latin = items[-2][-1:].isascii() or items[-1][:1].isascii()
    return "、".join(items[:-1]) + (" 和 " if latin else "和") + items[-1]


def render_zh_text(scene: TextScene, max_chars: int) -> str:
    """The Chinese sentence for a text-heavy image, or "" when a photo's text is unreadable."""
    if scene.title is None and not scene.lines and scene.table is None and scene.dialog is None:
        return _UNREADABLE.get(scene.kind, "")
    if scene.kind == "code":
        return _code(scene, max_chars)
    if scene.kind == "chart":
        return _chart(scene, max_chars)
    if scene.kind == "table" and scene.table is not None:
        t = scene.table
        size = "表格" if t.rows is None else f"表格，共 {t.rows} 行"  # None: only part was read
        if len(t.headers) == 1:
            return _with_quotes(f"{size}，表头为", t.headers, max_chars)
        return _fit([f"{size}，列为" + and_join([f"“{h}”" for h in t.headers[:6]]), size], max_chars)
    if scene.kind == "dialog" and scene.dialog is not None:
        d = scene.dialog
        asks = (d.message or "").rstrip().endswith(("?", "？"))
        head = ("对话框，询问" if asks else "对话框，提示") if scene.sure else (
            "对话框，可能在询问" if asks else "对话框，可能提示")
        buttons = f"，按钮为{and_join([f'“{b}”' for b in d.buttons])}" if d.buttons else ""
        room = max_chars - zh_len(buttons)
        return _with_quotes(head, [d.message or "", *scene.lines], room) + buttons
    head = _HEADS.get(scene.kind, _HEADS["photo"])[0 if scene.sure else 1]
    return _with_quotes(head, [t for t in (scene.title, *scene.lines) if t], max_chars)


def _code(scene: TextScene, max_chars: int) -> str:
    info = scene.code
    language = info.language if info and info.language else ""
    head = f"{language} 代码" if language else "代码"
    if info and info.names:
        files = [n for n in info.names if "." in n]
        defs = [n for n in info.names if "." not in n]
        if files:
            head += f"（{files[0]}）"
        if defs:
            head += f"，定义了 {and_join(defs[:3])}"
    if zh_len(head) > max_chars // 2:
        head = f"{language} 代码" if language else "代码"
    return _with_quotes(f"{head}，开头为", list(scene.lines), max_chars)


def _span(info: ChartInfo) -> str:
    """'，横轴从 0 到 60 分钟' or ''."""
    if not info.x_from or not info.x_to:
        return ""
    unit = _UNITS.get((info.x_unit or "").strip().lower(), "")
    return f"，横轴从 {info.x_from} 到 {info.x_to}{' ' + unit if unit and unit != '%' else unit}"


def _chart(scene: TextScene, max_chars: int) -> str:
    info = scene.chart or ChartInfo()
    kind = _CHART_KINDS.get(info.chart_type or "", "图表")
    title = _with_quotes(f"{kind}，标题为" if scene.sure else f"{kind}，标题可能为", [scene.title or ""],
                         max_chars, first_only=True)
    parts = [_span(info)]
    if info.series:
        parts.append(f"，系列为 {and_join(info.series[:4])}" if len(info.series) > 1
                     else f"，显示 {info.series[0]}")
    if info.categories:
        parts.append(f"，比较 {and_join(info.categories[:6])}")
    return _fit([title + "".join(parts[:n]) for n in range(len(parts), -1, -1)], max_chars)


def _fit(candidates: Sequence[str], max_chars: int) -> str:
    """The first candidate (richest first) that fits, else the shortest, cut."""
    for text in candidates:
        if zh_len(text) <= max_chars - 1:
            return text
    return fit_zh(candidates[-1], max_chars - 2).rstrip("，、 ") + "…"


def _with_quotes(head: str, lines: Sequence[str], max_chars: float, *, first_only: bool = False) -> str:
    """head + quoted lines, as many whole lines as fit; the first one is cut if it must be."""
    budget = max_chars - 1  # room for the "。" the alt-text rules add
    out = head
    for text in (t.strip().strip("\"“”") for t in lines):
        if not text:
            continue
        sep = "" if out == head else "、"
        piece = f"{sep}“{text}”"
        if zh_len(out + piece) <= budget:
            out += piece
        elif out == head or budget - zh_len(out) >= 16:
            cut = fit_zh(text, budget - zh_len(out) - 3).rstrip(" ，,;；:：[(（")
            if len(cut) < 2:
                return out
            out += f"{sep}“{cut}…”"
            break
        else:
            break
        if first_only:
            break
    return out
