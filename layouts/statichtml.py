"""Static parts of a page sent to the browser as one component each, as HTML.

Dash's renderer (4.x) gives every component of a callback's output its own wrapper subscribed to the store, and each
wrapper dispatches once when it mounts; every dispatch runs every wrapper's selector. A page of *n* components
therefore costs about *n²* selector runs before it is shown: a resident page with 28 tables (3,678 components) kept
Chromium's main thread busy for more than a minute.

Most of a page never changes after it arrives — headings, sentences, tables, notes. :func:`freeze` wraps each largest
subtree made only of ``html.*`` components that no callback addresses in one :class:`StaticHtml`. The browser gets
its root element with the same attributes and the rest as HTML (escaped here, never taken from display text), so the
DOM, the CSS and the accessibility tree are the same, with one component instead of hundreds.

The subtree itself stays in ``children`` on the server: every server-side reader (figure kit, downloads, tests)
walks the same Python objects as before; only the JSON sent to the browser changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from dash import html
from dash.development.base_component import Component
from markupsafe import escape

from layouts import ids

LIVE_IDS = frozenset(v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str))
"""Every id declared in :mod:`layouts.ids`: callbacks and scripts may address these, so they are never frozen (the
dictionary ids whose type is in :data:`DOCUMENT_ONLY` excepted)."""
DOCUMENT_ONLY = frozenset({ids.DOWNLOAD_LINK, ids.EMBED_SNIPPET})
"""Id types no callback addresses (page elements found by tests and scripts): their parts are sent as static HTML."""

HTML_NAMESPACE = html.Div._namespace
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
BOOLEAN = frozenset({"open", "hidden", "disabled", "checked", "selected", "required", "readOnly", "multiple"})
ATTRIBUTE = {  # React's names of the attributes whose HTML name is not just the lower-case one
    "className": "class",
    "htmlFor": "for",
    "httpEquiv": "http-equiv",
    "acceptCharset": "accept-charset",
}
SKIPPED = frozenset({"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key"})
UNITLESS = frozenset(
    {
        "flex",
        "flexGrow",
        "flexShrink",
        "fontWeight",
        "lineHeight",
        "opacity",
        "order",
        "orphans",
        "widows",
        "zIndex",
        "zoom",
        "columnCount",
        "gridRow",
        "gridColumn",
    }
)
_UPPER = re.compile(r"([A-Z])")


class StaticHtml(Component):
    """One static ``html.*`` subtree: rendered by ``assets/statichtml.js`` as its root element with this HTML inside."""

    _namespace = "mieruka"
    _type = "StaticHtml"

    def __init__(self, node: Component) -> None:
        self._prop_names = ["tag", "attributes", "html"]
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = self._prop_names
        self.available_wildcard_properties: list[str] = []
        super().__init__()
        self.children = node

    def to_plotly_json(self) -> dict[str, Any]:
        node = self.children
        return {
            "props": {"tag": tag(node), "attributes": react_props(node), "html": inner_html(node)},
            "type": self._type,
            "namespace": self._namespace,
        }


def tag(node: Component) -> str:
    """The HTML element name of an ``html.*`` component (``html.Table`` → ``table``)."""
    return str(node._type).lower()


def dom_id(value: object) -> str:
    """The DOM id Dash writes for a component id: a dictionary id as JSON with its keys sorted."""
    if not isinstance(value, dict):
        return str(value)
    parts = (json.dumps(k, ensure_ascii=False) + ":" + json.dumps(value[k], ensure_ascii=False) for k in sorted(value))
    return "{" + ",".join(parts) + "}"


def _props(node: Component) -> Iterable[tuple[str, Any]]:
    # sorted: Dash collects data-* and aria-* props from a set, and the same tree must give the same bytes
    for name, value in sorted(node.to_plotly_json()["props"].items()):
        if name not in SKIPPED and value is not None:
            yield name, (dom_id(value) if name == "id" else value)


def react_props(node: Component) -> dict[str, Any]:
    """The root element's props as React takes them (Dash's html components use React's names already)."""
    return dict(_props(node))


def _css(style: dict[str, Any]) -> str:
    parts = []
    for name, value in style.items():
        prop = _UPPER.sub(lambda m: "-" + m.group(1).lower(), name)
        if prop.startswith(("webkit-", "moz-", "ms-")):
            prop = "-" + prop
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value != 0 and name not in UNITLESS:
            value = f"{value}px"
        parts.append(f"{prop}:{value}")
    return ";".join(parts)


def _attributes(node: Component, keep_ids: bool = True) -> str:
    out = []
    for name, value in _props(node):
        if name == "id" and not keep_ids:
            continue
        key = ATTRIBUTE.get(name, name if name.startswith(("data-", "aria-")) else name.lower())
        if name == "style" and isinstance(value, dict):
            value = _css(value)
        if name in BOOLEAN:
            if value:
                out.append(f" {key}")
            continue
        if isinstance(value, bool):  # aria-* and data-* booleans are written as text, as React writes them
            value = "true" if value else "false"
        out.append(f' {key}="{escape(str(value))}"')
    return "".join(out)


Other = Callable[[Component], str]
"""How a page written whole (:mod:`web.firstview`) writes a component that is not ``html.*``."""


def outer_html(
    node: object, *, keep_ids: bool = True, other: Other | None = None, omit: Callable[[Component], bool] | None = None
) -> str:
    """HTML of a subtree: text escaped, numbers as Dash writes them, ``None`` as nothing.

    ``keep_ids=False`` leaves ids out (a copy of a page shown beside the live one); ``other`` writes the components
    that are not ``html.*`` (without it they are left out); ``omit`` leaves out the ``html.*`` components it picks.
    """
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(outer_html(child, keep_ids=keep_ids, other=other, omit=omit) for child in node)
    if isinstance(node, StaticHtml):
        return outer_html(node.children, keep_ids=keep_ids, other=other, omit=omit)
    if isinstance(node, Component):
        if node._namespace != HTML_NAMESPACE:
            return other(node) if other is not None else ""
        if omit is not None and omit(node):
            return ""
        name = tag(node)
        attributes = _attributes(node, keep_ids)
        if name in VOID:
            return f"<{name}{attributes}>"
        inner = outer_html(getattr(node, "children", None), keep_ids=keep_ids, other=other, omit=omit)
        return f"<{name}{attributes}>{inner}</{name}>"
    if isinstance(node, float) and node.is_integer():
        node = int(node)  # as JavaScript writes it: 1.0 → "1"
    return str(escape(str(node)))


def inner_html(node: Component) -> str:
    """HTML of a component's children."""
    return outer_html(getattr(node, "children", None))


def is_static(node: object) -> bool:
    """Text, numbers, nothing, or an ``html.*`` component that no callback addresses, with static children only."""
    if node is None or isinstance(node, (str, int, float)):
        return True
    if isinstance(node, (list, tuple)):
        return all(is_static(child) for child in node)
    if isinstance(node, StaticHtml):
        return True
    if not isinstance(node, Component) or node._namespace != HTML_NAMESPACE:
        return False
    node_id = getattr(node, "id", None)
    if isinstance(node_id, dict):
        if node_id.get("type") not in DOCUMENT_ONLY:
            return False
    elif node_id is not None and (not isinstance(node_id, str) or node_id in LIVE_IDS):
        return False
    return is_static(getattr(node, "children", None))


def freeze(tree: object) -> object:
    """``tree`` with each largest static subtree that holds more than one element wrapped in :class:`StaticHtml`.

    A new tree is returned (the memoised one is never changed); components that stay live are shallow copies.
    """
    if isinstance(tree, list):
        return [freeze(child) for child in tree]
    if isinstance(tree, tuple):
        return tuple(freeze(child) for child in tree)
    if not isinstance(tree, Component) or isinstance(tree, StaticHtml):
        return tree
    if is_static(tree):
        children = getattr(tree, "children", None)
        return StaticHtml(tree) if isinstance(children, (Component, list, tuple)) else tree
    children = getattr(tree, "children", None)
    if not isinstance(children, (Component, list, tuple)):
        return tree
    copy = _shallow_copy(tree)
    copy.children = freeze(children)
    return copy


def _shallow_copy(node: Component) -> Component:
    copy = object.__new__(type(node))
    copy.__dict__.update(node.__dict__)
    return copy


def frozen(update: Callable[..., Any]) -> Callable[..., Any]:
    """A callback that returns :func:`freeze` of what ``update`` returns."""

    @wraps(update)
    def wrapper(*args: Any) -> Any:
        return freeze(update(*args))

    return wrapper
