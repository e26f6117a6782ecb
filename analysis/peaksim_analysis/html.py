"""The report's HTML: one self-contained page (styles inline, figures as inline SVG, no script, no link to
anything outside it)."""

import html
import math

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 980px;
       padding: 0 1.2em 3em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
h3 { margin-bottom: 0.3em; }
.subtitle { color: #555; margin-top: 0; }
.caption { color: #444; font-size: 0.95em; margin: 0.3em 0 0.8em; }
.note { background: #fff8e1; border-left: 4px solid #f0b400; padding: 0.5em 0.8em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25em 0.7em; text-align: right; vertical-align: top; }
th { background: #f4f6f8; } td.text, th.text { text-align: left; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; }
pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; white-space: pre-wrap; }
nav ol { columns: 2; } figure { margin: 0.5em 0; } figure svg { max-width: 100%; height: auto; }
.bar { display: inline-block; height: 0.8em; background: #5dade2; vertical-align: middle; }
"""


def esc(text):
    return html.escape(str(text), quote=True)


def number(value, digits=4):
    """A number as a planner reads it: thousands separated, about `digits` significant figures, n/a for NaN."""
    if value is None:
        return "n/a"
    value = float(value)
    if math.isnan(value):
        return "n/a"
    if value != 0 and (abs(value) >= 1e15 or abs(value) < 1e-4):
        return f"{value:.{digits - 1}e}"
    if abs(value) >= 10 ** (digits - 1):
        return f"{value:,.0f}"
    return f"{value:,.{digits}g}" if abs(value) >= 1 else f"{value:.{digits}g}"


def table(header, rows, text_columns=(0,), titles=None):
    """An HTML table; cells are already HTML. Columns in text_columns are left aligned; titles (one per row,
    or None) become the first cell's tooltip."""
    head = "".join(f'<th class="text">{h}</th>' if i in text_columns else f"<th>{h}</th>"
                   for i, h in enumerate(header))
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            cls = ' class="text"' if i in text_columns else ""
            tip = f' title="{esc(titles[r])}"' if titles and i == 0 and titles[r] else ""
            cells.append(f"<td{cls}{tip}>{cell}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def figure(svg_text, caption):
    return f'<figure>{svg_text}</figure><p class="caption">{caption}</p>'


def note(text):
    """What a section shows instead of its figure when the file lacks the data: visible, saying why."""
    return f'<p class="note">{text}</p>'


class Page:
    """Sections in order, each with an anchor in the table of contents."""

    def __init__(self, title, subtitle):
        self.title, self.subtitle = title, subtitle
        self.sections = []

    def add(self, anchor, heading, body):
        self.sections.append((anchor, heading, body))

    def render(self):
        toc = "".join(f'<li><a href="#{a}">{esc(h)}</a></li>' for a, h, _ in self.sections)
        parts = [f'<section id="{a}"><h2>{esc(h)}</h2>{body}</section>' for a, h, body in self.sections]
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{esc(self.title)}</title><style>{STYLE}</style></head><body>"
                f"<h1>{esc(self.title)}</h1><p class=\"subtitle\">{self.subtitle}</p>"
                f"<nav><ol>{toc}</ol></nav>{''.join(parts)}</body></html>\n")
