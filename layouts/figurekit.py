"""The figures of a rendered page as things to quote, print and reuse: find, describe and equip each chart.

A page's content (what its callback renders) is walked once: every ``dcc.Graph`` inside an ``html.Section`` is
one *figure*, keyed by the graph's id (``{"type": …, "index": "revenue-trend"}`` → ``revenue-trend``;
``"overview-trend-graph"`` → ``overview-trend``); its words come from that section. The same walk serves

* :func:`decorate` — each chart is wrapped in the HTML anchor ``figure-<key>`` (for ``?fig=<key>`` links) with a
  collapsed 「この図を使う」 block under it: its permalink with a copy button, PNG for one and two newsletter
  columns, SVG and PDF in colour or black and white (``/figure/<page>/<key>.<fmt>``);
* :func:`parts` — the title, generated sentences and source lines that the 広報 images and the committee
  handout print with the chart.

No figure is ever rebuilt here: the chart, its wording and its source are exactly what the page shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from dash import dcc, html

from finance import figuremodel
from finance.text import t
from finance.viewstate import ViewState
from layouts import ids
from layouts import tools as page_tools

KEY_PATTERN = re.compile(r"[a-z0-9_-]{1,64}")
PAGES: tuple[str, ...] = (
    "overview",
    "indicators",
    "revenue",
    "expenditure",
    "funds",
    "debt",
    "staff",
    "enterprise",
    "household",
)
"""The pages whose figures can be exported and embedded (``web.figurekit`` maps each to its render)."""
FORMATS = ("png", "svg", "pdf")
SIZES = ("1col", "2col")
PALETTES = ("color", "gray")


@dataclass
class FigureParts:
    """One figure of a page as printed: everything the reader needs besides the chart itself.

    Attributes:
        key: stable key within the page (``revenue-trend``).
        title: the section heading.
        figure: the Plotly figure as a plain dict (exactly the one on the page).
        sentences: the generated plain-language sentences of the section.
        sources: the source lines (「出典: …」) of the section.
        notes: chart notes (population basis, how estimates and plans look).
        table: the section's data table as header + rows of text, if it has one.
        data: the same table typed (:class:`finance.figuremodel.DataTable`), what the downloads write.
    """

    key: str
    title: str
    figure: dict[str, Any]
    sentences: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None
    data: figuremodel.DataTable | None = None

    def model(self) -> figuremodel.FigureModel | None:
        """The figure as data (:class:`finance.figuremodel.FigureModel`), or ``None`` without a typed table."""
        if self.data is None:
            return None
        words = {
            w for r in self.data.rows for w in re.split(r"[・（(]", r[-1].text)
        }  # 「決算・決算見込」, 「決算（計算）」
        kinds = tuple(k for k in figuremodel.KINDS if k in words) or ("決算",)
        return figuremodel.FigureModel(
            key=self.key,
            title=self.title,
            table=self.data,
            summary=self.sentences[0] if self.sentences else "",
            kinds=kinds,
            sources=tuple(self.sources),
            notes=tuple(self.notes),
        )


def graph_key(component_id: object) -> str | None:
    """The figure key of a graph id, or ``None`` when it is not a usable key."""
    if isinstance(component_id, dict):
        key = str(component_id.get("index", ""))
    elif isinstance(component_id, str):
        key = component_id.removesuffix("-graph")
    else:
        return None
    return key if KEY_PATTERN.fullmatch(key) else None


def _children(component: object) -> list[object]:
    if isinstance(component, (list, tuple)):
        return list(component)
    kids = getattr(component, "children", None)
    if kids is None:
        return []
    return list(kids) if isinstance(kids, (list, tuple)) else [kids]


def walk(tree: object) -> Iterator[object]:
    """Every component of a tree, depth first, in document order."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
            continue
        yield node
        stack.extend(reversed(_children(node)))


def text_of(component: object) -> str:
    """The visible text of a component (strings joined in document order)."""
    return "".join(node for node in walk(component) if isinstance(node, str)).strip()


def _classes(component: object) -> set[str]:
    return set(str(getattr(component, "className", "") or "").split())


def _table(node: html.Table) -> tuple[list[str], list[list[str]]]:
    """A table as header cells and rows of cell texts."""
    header: list[str] = []
    rows: list[list[str]] = []
    for part in walk(node):
        if isinstance(part, html.Thead):
            header = [text_of(c) for c in walk(part) if isinstance(c, html.Th)]
        if isinstance(part, html.Tbody):
            for row in _children(part):
                if isinstance(row, html.Tr):
                    rows.append([text_of(c) for c in _children(row)])
    return header, rows


def _heading_text(heading: object) -> str:
    """A heading's text; spans side by side (plain name, official name) are kept apart by a space."""
    kids = _children(heading)
    if len(kids) > 1 and all(not isinstance(k, str) for k in kids):
        return " ".join(text for text in (text_of(k) for k in kids) if text)
    return text_of(heading)


_LINE_RUN = re.compile(r"\d+(?:、\d+)+")
_DOCUMENT_END = ("発行）", ")")


def _ranges(match: re.Match[str]) -> str:
    numbers = [int(n) for n in match.group(0).split("、")]
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs)


def compact_sources(lines: list[str]) -> list[str]:
    """Source lines for print: consecutive line numbers as ranges (96–102), tables of one document on one line."""
    merged: dict[str, list[str]] = {}
    for line in lines:
        line = _LINE_RUN.sub(_ranges, line)
        cut = next((line.find(end) + len(end) for end in _DOCUMENT_END if end in line), 0)
        merged.setdefault(line[:cut], []).append(line[cut:].strip(" ,、"))
    sep = {True: "；", False: "; "}
    return [
        (doc + (" " if doc.endswith(")") else "") + sep[doc.endswith("）")].join(t for t in tables if t)).strip()
        for doc, tables in merged.items()
    ]


@dataclass
class _Place:
    """Where a chart sits: its section, the list (or component) holding it, and its position there."""

    section: html.Section
    parent: object
    index: int | None  # None: the parent's ``children`` is the graph itself
    graph: dcc.Graph


def _places(tree: object) -> list[_Place]:
    """Every keyed chart inside a section, in document order."""
    found: list[_Place] = []

    def visit(node: object, section: html.Section | None, parent: object, index: int | None) -> None:
        if isinstance(node, (list, tuple)):
            for i, child in enumerate(node):
                visit(child, section, node, i)
            return
        if isinstance(node, dcc.Graph):
            if section is not None and graph_key(getattr(node, "id", None)) is not None:
                found.append(_Place(section, parent, index, node))
            return
        if isinstance(node, html.Section):
            section = node
        kids = getattr(node, "children", None)
        if isinstance(kids, list):
            for i, child in enumerate(kids):
                visit(child, section, kids, i)
        elif kids is not None and not isinstance(kids, str):
            visit(kids, section, node, None)

    visit(tree, None, None, None)
    return found


def _before(preceding: list[object], graph: dcc.Graph) -> object | None:
    """The element right before a chart in document order (its text and its own wrappers skipped)."""
    for node in reversed(preceding):
        if isinstance(node, str) or any(n is graph for n in walk(node)):
            continue
        return node
    return None


def _parts(place: _Place, first: bool, count: int) -> FigureParts:
    """The words around one chart: the section's title (plus the sub-heading before the chart when the section
    holds several charts or the chart has its own), its sentences and notes (first chart only), its sources, and
    its table."""
    section, graph = place.section, place.graph
    key = graph_key(graph.id) or ""
    nodes = list(walk(section))
    at = next(i for i, n in enumerate(nodes) if n is graph)
    title = next((_heading_text(n) for n in nodes if isinstance(n, (html.H2, html.H3))), "")
    # a chart under its own sub-heading is titled by it even when it is the section's only chart: the numerator
    # breakdown of a ratio whose trend is all «—» is an amount chart, never the ratio itself
    own = isinstance(_before(nodes[:at], graph), (html.H4, html.H5))
    if count > 1 or own:
        sub = next((text_of(n) for n in reversed(nodes[:at]) if isinstance(n, (html.H4, html.H5))), "")
        if sub:
            title = f"{title} — {sub}"
    sentences: list[str] = []
    sources: list[str] = []
    notes: list[str] = []
    for node in nodes:
        classes = _classes(node)
        if "summary-sentences" in classes and first:
            sentences += [text_of(p) for p in _children(node) if text_of(p)]
        elif "chart-summary" in classes and first:
            sentences.append(text_of(node))
        elif "source-note" in classes:
            sources.append(text_of(node))
        elif "chart-note" in classes and first:
            notes.append(text_of(node))
    later = [n for n in nodes[at + 1 :] if isinstance(n, (html.Table, dcc.Graph))]
    node = later[0] if later and isinstance(later[0], html.Table) else None
    if node is None and count == 1:
        node = next((n for n in nodes if isinstance(n, html.Table)), None)
    data = getattr(node, "figure_data", None) if node is not None else None
    table = data.shown() if data is not None else (_table(node) if node is not None else None)
    figure = graph.figure if isinstance(graph.figure, dict) else graph.figure.to_plotly_json()
    return FigureParts(key, title, figure, sentences, list(dict.fromkeys(sources)), notes, table, data)


def _described(tree: object) -> list[tuple[_Place, FigureParts]]:
    places = _places(tree)
    per_section: dict[int, int] = {}
    for place in places:
        per_section[id(place.section)] = per_section.get(id(place.section), 0) + 1
    out: list[tuple[_Place, FigureParts]] = []
    seen: set[int] = set()
    for place in places:
        first = id(place.section) not in seen
        seen.add(id(place.section))
        out.append((place, _parts(place, first, per_section[id(place.section)])))
    return out


def parts(tree: object) -> list[FigureParts]:
    """Every figure of a rendered page, in document order."""
    return [described for _, described in _described(tree)]


def find(tree: object, key: str) -> FigureParts | None:
    """The figure ``key`` of a rendered page, or ``None``."""
    return next((p for p in parts(tree) if p.key == key), None)


def figure_url(page: str, key: str, fmt: str, query: str, *, size: str = "2col", palette: str = "color") -> str:
    """``/figure/revenue/revenue-trend.png?m=…&size=1col``: one export of a figure for the view ``query``."""
    extra = [f"size={size}"]
    if palette != "color":
        extra.append(f"palette={palette}")
    joined = "&".join(extra)
    sep = ("&" if query else "?") if joined else ""
    return f"/figure/{page}/{key}.{fmt}{query}{sep}{joined}"


def tools(
    page: str,
    key: str,
    view: ViewState,
    title: str,
    *,
    embed: bool = True,
    frame_height: int = 520,
    data: bool = True,
) -> html.Details:
    """The collapsed 「この図を使う」 block of one figure: permalink, copy button, images in colour and grey, and
    (unless the section already offers one) the <iframe> code of ``/embed/<page>/<key>``."""
    locale = view.locale
    query = view.as_query()
    path = "/" if page == "overview" else f"/{page}"
    permalink = path + replace(view, figure=key).as_query()

    def image_links(palette: str) -> html.Li:
        links: list[object] = [
            html.Span(
                t("tools.figure_palette_label", locale, palette=t(f"tools.figure_palette_{palette}", locale)),
                className="kit-label",
            )
        ]
        for fmt, size in (("png", "1col"), ("png", "2col"), ("svg", "2col"), ("pdf", "2col")):
            label = t(f"tools.figure_{fmt}_{size}" if fmt == "png" else f"tools.figure_{fmt}", locale)
            links += [
                html.A(label, href=figure_url(page, key, fmt, query, size=size, palette=palette), download=""),
                " ",
            ]
        return html.Li(links[:-1])

    return html.Details(
        [
            html.Summary(t("tools.figure_summary", locale)),
            html.P(
                [
                    html.Span(t("tools.figure_link_label", locale) + " ", className="kit-label"),
                    html.A(permalink, href=permalink, className="figure-permalink"),
                    " ",
                    html.Button(
                        t("tools.figure_copy", locale),
                        type="button",
                        className="copy-link",
                        **{"data-copy": permalink, "data-done": t("tools.figure_copied", locale)},
                    ),
                    html.Span("", className="copy-status", role="status"),
                ],
                className="figure-link",
            ),
            html.Ul([image_links("color"), image_links("gray")], className="figure-images"),
            *([page_tools.download_links(f"figure/{page}/{key}", query, locale)] if data else []),
            html.P(t("tools.figure_hint", locale), className="kit-hint"),
            *([page_tools.embed_snippet(f"{page}/{key}", query, "", title, locale, frame_height)] if embed else []),
        ],
        className="details figure-kit",
    )


def _frame_height(figure: dict[str, Any]) -> int:
    """The <iframe> height that shows an embedded chart whole: the chart (``layouts.embed.height_of``) plus the
    title, sentence and source around it."""
    own = (figure.get("layout") or {}).get("height")
    chart = max(300, int(own)) if isinstance(own, (int, float)) else 300
    return chart + 220


def decorate(tree: list[object], page: str, municipality: str, year: int, mode: str, locale: str) -> list[object]:
    """Wrap every chart of a rendered page in its anchor (``figure-<key>``) with its 「この図を使う」 block right
    under it (in place; nothing else on the page changes)."""
    view = ViewState(municipality, year, locale, mode)
    for place, described in _described(tree):
        offered = any("embed-snippet" in _classes(n) for n in walk(place.section))  # the five older embed codes
        block = html.Div(
            [
                place.graph,
                tools(
                    page,
                    described.key,
                    view,
                    described.title,
                    embed=not offered,
                    frame_height=_frame_height(described.figure),
                    data=described.data is not None,
                ),
            ],
            id=f"{ids.FIGURE_ANCHOR}-{described.key}",
            className="figure-block",
        )
        if place.index is None:
            place.parent.children = block  # type: ignore[attr-defined]
        else:
            place.parent[place.index] = block  # type: ignore[index]
    return tree
