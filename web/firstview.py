"""The first view: the HTML of every page URL carries the page itself.

The page's header, navigation, headline figures, sentences, tables and notes are in its HTML, so a phone shows the
numbers before any script has run, and a reader without JavaScript reads the whole page.

It is the same tree the app's callbacks send (the shell, the page skeleton and each part filled by the same
functions, memoised the same way), written as HTML by :mod:`layouts.statichtml` without ids. The app renders beside
it, hidden; ``assets/firstview.js`` removes the first view once the app's page content has arrived, so the reader
sees one page and then the same page, live.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from dash import dcc, html
from dash.development.base_component import Component
from markupsafe import escape

from callbacks import compare, indicators, overview, resident, shell
from finance import repository, viewstate
from finance.text import t
from layouts import ids, staticchart, statichtml
from layouts import shell as shell_layout
from layouts.figurekit import walk
from web import cache

LOG = logging.getLogger("mieruka")

PARTS: dict[str, Callable[[object], object]] = {  # the parts of a page a callback fills from the stored view alone
    ids.OVERVIEW_CONTENT: overview.update_overview,
    ids.INDICATORS_CONTENT: indicators.update_indicators,
    ids.COMPARE_CONTENT: compare.update_compare,
    ids.COMPARE_SELECT: compare.choices,
    ids.HOUSEHOLD_CONTENT: resident.update_household,
    ids.FOOTER_TEXT: shell.footer,
    ids.NAV_MENU_LABEL: shell.menu_text,
    **dict(resident.PAGES),
}
NOT_FOUND = "/not-found"


def _set(tree: object, values: Mapping[str, Mapping[str, object]]) -> None:
    """Give the components of ``tree`` whose id is in ``values`` those props (the tree is built for this view)."""
    for node in walk(tree):
        node_id = getattr(node, "id", None)
        if isinstance(node, Component) and isinstance(node_id, str) and node_id in values:
            for prop, value in values[node_id].items():
                setattr(node, prop, value)


def _label(options: object, value: object) -> str:
    for option in options if isinstance(options, list) else []:
        if isinstance(option, dict) and option.get("value") == value:
            return str(option.get("label", ""))
    return ""


class _Writer:
    """Writes the components that are not ``html.*`` for a page shown without its scripts."""

    def __init__(self, path: str, query: Mapping[str, str]) -> None:
        self.path = path
        self.query = query

    def __call__(self, node: Component) -> str:
        if isinstance(node, dcc.Link):
            css = f' class="{escape(node.className)}"' if getattr(node, "className", None) else ""
            inner = statichtml.outer_html(node.children, keep_ids=False, other=self, omit=self.omits)
            return f'<a href="{escape(str(node.href))}"{css}>{inner}</a>'
        if isinstance(node, dcc.Dropdown):
            label = _label(getattr(node, "options", None), getattr(node, "value", None))
            return f'<div class="select first-view-select">{escape(label)}</div>'
        if isinstance(node, dcc.RadioItems) and getattr(node, "id", None) == ids.LANG_RADIO:
            return self._languages(node, t("app.language", "ja"))
        if isinstance(node, dcc.Input):
            return self._input(node)
        if isinstance(node, dcc.Graph):
            return _graph(node)
        if isinstance(node, dcc.Loading):  # a wrapper: its children are the page
            return statichtml.outer_html(node.children, keep_ids=False, other=self, omit=self.omits)
        return ""  # dcc.Location, dcc.Store: nothing to show

    @staticmethod
    def omits(node: Component) -> bool:
        """What only works with the app's scripts: the clarity question (its answers are posted by a script)."""
        return isinstance(node, html.Form) and "feedback" in str(getattr(node, "className", "")).split()

    def _languages(self, node: Component, label: str) -> str:
        """Dash's radio items as they will look, each language a link (without JavaScript, the way to switch)."""
        current = str(getattr(node, "value", "ja"))
        options = []
        for option in node.options:
            code, name = str(option["value"]), str(option["label"])
            href = self.path + "?" + urlencode({**self.query, "lang": code})
            on = code == current
            current_mark = ' aria-current="true"' if on else ""
            options.append(
                f'<label class="dash-options-list-option dash-radioitems-inline{" selected" if on else ""}">'
                '<span class="dash-options-list-option-wrapper"><input type="radio" disabled tabindex="-1" '
                f'aria-hidden="true" class="dash-options-list-option-checkbox lang-input"{" checked" if on else ""}>'
                '</span><span class="dash-options-list-option-text lang-label">'
                f'<a href="{escape(href)}" lang="{"en" if code == "en" else "ja"}"{current_mark}>{escape(name)}</a>'
                "</span></label>"
            )
        return (
            f'<div class="dash-options-list dash-radioitems lang-radio" role="group" aria-label="{escape(label)}">'
            f"{''.join(options)}</div>"
        )

    @staticmethod
    def _input(node: Component) -> str:
        attributes = []
        for prop, name in (("type", "type"), ("placeholder", "placeholder"), ("value", "value")):
            value = getattr(node, prop, None)
            if value is not None:
                attributes.append(f' {name}="{escape(str(value))}"')
        css = getattr(node, "className", None)
        if css:
            attributes.append(f' class="{escape(css)}"')
        return f"<input disabled{''.join(attributes)}>"


def _graph(node: Component) -> str:
    """A chart drawn as a static SVG from the figure the interactive chart will show, at its height."""
    figure = node.figure if isinstance(node.figure, dict) else node.figure.to_plotly_json()
    return f'<div class="first-view-graph">{staticchart.svg(figure)}</div>'


WAITED_FOR = (set(PARTS) - {ids.FOOTER_TEXT, ids.NAV_MENU_LABEL, ids.COMPARE_SELECT}) | {
    ids.GLOSSARY_CONTENT,
    ids.TAX_CONTENT,
}


def _content_id(skeleton: object) -> str:
    """The part whose arrival means the app has the page: the skeleton's first content part."""
    for node in walk(skeleton):
        node_id = getattr(node, "id", None)
        if isinstance(node_id, str) and node_id in WAITED_FOR:
            return node_id
    return ids.PAGE_CONTENT


def tree(path: str, search: str) -> tuple[object, str, dict[str, str]]:
    """The shell of ``path`` for the query ``search``, every part filled as the callbacks fill it.

    Returns the shell, the id of the part the app must have before it is shown, and the view's query.
    """
    synced = shell.sync_state(search, None, None, None, None, None)
    query_string, names, code, years, year, _mode, locale, state = synced
    skeleton = statichtml.freeze(shell.route(path, state))
    chrome = shell.chrome_text(state, path)
    picker = shell.picker_text(state)
    values: dict[str, dict[str, object]] = {
        ids.HEADER_TITLE: {"children": chrome[0]},
        ids.MUNICIPALITY_LABEL: {"children": chrome[1]},
        ids.YEAR_LABEL: {"children": chrome[2]},
        ids.NAV: {"children": chrome[3]},
        ids.SKIP_LINK: {"children": chrome[4]},
        ids.MODE_LINKS: {"children": chrome[5]},
        ids.MODE_LABEL: {"children": chrome[6]},
        ids.MODE_GROUP: {"aria-label": chrome[7], "hidden": chrome[8]},
        ids.PICKER_LABEL: {"children": picker[0]},
        ids.PICKER_HINT: {"children": picker[1]},
        ids.PICKER_INPUT: {"placeholder": picker[2]},
        ids.MUNICIPALITY_SELECT: {"options": names, "value": code},
        ids.YEAR_SELECT: {"options": years, "value": year},
        ids.LANG_RADIO: {"value": locale},
        ids.PAGE_CONTENT: {"children": skeleton},
    }
    page = shell_layout.layout()
    _set(page, values)
    amount = next((n.value for n in walk(skeleton) if getattr(n, "id", None) == ids.TAX_AMOUNT_INPUT), None)
    present = {node_id for node in walk(page) if isinstance(node_id := getattr(node, "id", None), str)}
    parts: dict[str, dict[str, object]] = {
        part: {"children": statichtml.freeze(update(state))} for part, update in PARTS.items() if part in present
    }
    if ids.TAX_CONTENT in present:
        parts[ids.TAX_CONTENT] = {"children": statichtml.freeze(resident.update_tax(state, amount))}
    _set(page, parts)
    return page, _content_id(skeleton), viewstate.parse_query(str(query_string))


@cache.cache.memoize()
def _html(path: str, search: str) -> str:
    page, content_id, query = tree(path, search)
    writer = _Writer(path, query)
    body = statichtml.outer_html(page, keep_ids=False, other=writer, omit=writer.omits)
    return f'<div id="first-view" class="first-view" data-content="{escape(content_id)}">{body}</div>'


def html_for(path: str, search: str) -> tuple[str, str]:
    """The first view of a page URL as HTML and the page's language (``lang`` of ``<html>``).

    The HTML is ``""`` where there is none (the embeds) or it failed (logged; the app still shows the page).
    """
    from layouts import PAGES, is_embed  # the page table imports every layout: only when a page is asked for

    try:
        synced = shell.sync_state(search, None, None, None, None, None)
        lang = "en" if synced[6] == "en" else "ja"
        if is_embed(path):
            return "", lang
        # an unknown path is the one not-found page: never a key of its own, never written into a link
        return _html(path if path in PAGES else NOT_FOUND, str(synced[0])), lang
    except Exception:  # the first view is a head start: never the reason a page is not served
        LOG.exception("first view of %s%s failed", path, search)
        return "", "ja"


def page_key(path: str, search: str) -> str | None:
    """The view a page URL shows, in canonical words (``/revenue?m=…&y=…&lang=ja``).

    ``None`` for a path that is not one of the site's pages.
    """
    from layouts import PAGES, is_embed

    if path not in PAGES and not is_embed(path):
        return None
    ds = repository.get()
    return path + viewstate.resolve(ds, viewstate.parse_query(search)).as_query()


__all__ = ["html_for", "page_key", "tree"]
