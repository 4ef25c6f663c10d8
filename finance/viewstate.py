"""What the user is looking at — municipality, year, display mode, selected figure, language — from untrusted input.

Query strings and callback inputs come from the browser and may be forged: every value is checked against
the data and replaced by a sensible default when it is unknown, so a bad link still opens a valid view.

The URL of a view (the page is the path) has these parameters, always written in this order:

``m``
    municipality code (``012149``); unknown → the default municipality.
``y``
    fiscal year, any notation on input (``2013``, ``平成25年度``, ``H25``); written as the western year; left out
    when the municipality has no year at all.
``mode``
    how the resident pages show amounts, one of :data:`finance.topics.common.MODES`; written only when it is not
    ``total`` (so older links stay as they were).
``fig``
    the selected figure of the page, a slug (``revenue-trend``) matching :data:`FIGURE_PATTERN`; written only when
    set. The page scrolls to it and marks it; navigating to another page drops it.
``lang``
    ``ja``, ``en`` or ``easy`` (やさしい日本語, shown as Japanese: ``<html lang="ja">``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qs, urlencode

from finance import queries, text
from finance.formatting import parse_fiscal_year
from finance.load import Dataset
from finance.text import DEFAULT_LOCALE, LOCALES
from finance.topics.common import MODES

MAX_QUERY_LENGTH = 512
MAX_BODIES = 20
"""Bodies compared at most (``with``)."""
DEFAULT_MODE = "total"
FIGURE_PATTERN = re.compile(r"[a-z0-9_-]{1,64}")
"""A figure key (``fig``): lower-case letters, digits, ``_`` and ``-``, at most 64 characters."""


@dataclass(frozen=True)
class ViewState:
    """A valid view: municipality, fiscal year, locale, display mode and selected figure.

    The municipality is a known one, the year one of its fiscal years (``None`` if it has none), the mode one of
    :data:`finance.topics.common.MODES` and the figure a key (:data:`FIGURE_PATTERN`) or ``None``.
    """

    municipality: str
    year: int | None
    locale: str
    mode: str = DEFAULT_MODE
    figure: str | None = None
    bodies: tuple[str, ...] = ()  # the bodies chosen on /compare (``with``), known codes, at most MAX_BODIES

    def as_query(self) -> str:
        """``"?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=ja"``: the stable link of this view.

        Parameters come in the order m, y, mode, fig, with, lang; ``mode`` only when not ``total``, ``fig`` and
        ``with`` (the compared bodies, comma-separated) only when set.
        """
        params = {"m": self.municipality}
        if self.year is not None:
            params["y"] = str(self.year)
        if self.mode != DEFAULT_MODE:
            params["mode"] = self.mode
        if self.figure is not None:
            params["fig"] = self.figure
        if self.bodies:
            params["with"] = ",".join(self.bodies)
        params["lang"] = self.locale
        return "?" + urlencode(params, safe=",")

    def without_figure(self) -> ViewState:
        """The same view with no selected figure and no compared bodies.

        Both belong to one page: links to other pages drop them.
        """
        return replace(self, figure=None, bodies=())

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly form for a ``dcc.Store``."""
        return asdict(self)


def parse_query(search: str | None) -> dict[str, str]:
    """The first value of each parameter of a query string; overlong or non-text input gives ``{}``."""
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return {}
    return {k: v[0] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=False).items() if v}


def checked_mode(mode: object) -> str:
    """``mode`` if it is one of :data:`finance.topics.common.MODES`, else ``"total"``."""
    return mode if isinstance(mode, str) and mode in MODES else DEFAULT_MODE


def checked_figure(figure: object) -> str | None:
    """``figure`` if it is a figure key (:data:`FIGURE_PATTERN`), else ``None``."""
    return figure if isinstance(figure, str) and FIGURE_PATTERN.fullmatch(figure) else None


def default_municipality(ds: Dataset) -> str:
    """The first body (by code) with its own documents and settlement totals, else the first body."""
    codes = [code for code, _, _ in queries.municipalities(ds)]
    for code in sorted(ds.seed_codes) or codes:
        if (
            queries.default_year(ds, code) is not None
            and not ds.rows("settlement", code)["source_id"].isin(ds.national_source_ids).all()
        ):
            return code
    return codes[0]


def resolve(ds: Dataset, params: Mapping[str, object]) -> ViewState:
    """A valid :class:`ViewState` from the raw parameters ``m``, ``y``, ``mode``, ``fig`` and ``lang`` (see above)."""
    municipality = params.get("m")
    if not isinstance(municipality, str) or municipality not in ds.codes:
        municipality = default_municipality(ds)
    locale = params.get("lang")
    if not isinstance(locale, str) or locale not in LOCALES:
        locale = DEFAULT_LOCALE
    raw_year = params.get("y")
    year = parse_fiscal_year(raw_year) if isinstance(raw_year, (str, int)) and not isinstance(raw_year, bool) else None
    years = queries.fiscal_years(ds, municipality)
    if year not in years:
        year = queries.default_year(ds, municipality)
    _use_body(ds, municipality)
    bodies = checked_bodies(ds, params.get("with"))
    return ViewState(
        municipality, year, locale, checked_mode(params.get("mode")), checked_figure(params.get("fig")), bodies
    )


def checked_bodies(ds: Dataset, value: object) -> tuple[str, ...]:
    """The known 団体コード of a ``with`` value (comma-separated), in order, once each, at most :data:`MAX_BODIES`."""
    if not isinstance(value, str):
        return ()
    codes = [c for c in dict.fromkeys(value.split(",")) if c in ds.codes]
    return tuple(codes[:MAX_BODIES])


def from_store(data: object) -> ViewState | None:
    """A :class:`ViewState` from a store's data, or ``None`` if it is not one (never trusted blindly).

    A missing ``mode`` or ``figure`` means ``total`` and none; a present but invalid one makes the data forged.
    """
    if not isinstance(data, dict):
        return None
    municipality, year, locale = data.get("municipality"), data.get("year"), data.get("locale")
    mode, figure = data.get("mode", DEFAULT_MODE), data.get("figure")
    if not isinstance(municipality, str) or not isinstance(locale, str) or locale not in LOCALES:
        return None
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        return None
    if not isinstance(mode, str) or mode not in MODES:
        return None
    if figure is not None and checked_figure(figure) is None:
        return None
    bodies = data.get("bodies", [])
    if (
        not isinstance(bodies, (list, tuple))
        or len(bodies) > MAX_BODIES
        or not all(isinstance(b, str) and re.fullmatch(r"[0-9]{6}", b) for b in bodies)
    ):
        return None
    return ViewState(municipality, year, locale, mode, figure, tuple(bodies))


def checked(ds: Dataset, data: object) -> ViewState | None:
    """A stored view re-checked against the data (a forged store gives ``None``, never an error)."""
    view = from_store(data)
    if view is None:
        return None
    if view.municipality not in ds.codes:
        return None
    if view.year is not None and view.year not in queries.fiscal_years(ds, view.municipality):
        return None
    if any(code not in ds.codes for code in view.bodies):
        return None
    _use_body(ds, view.municipality)
    return view


def _use_body(ds: Dataset, code: str) -> None:
    """Let the messages of this request speak of the body's residents (市民, 町民, 県民 …)."""
    kind, name = queries.body_kind_and_name(ds, code)
    text.use_body(kind, name)


def canonical_views(ds: Dataset, bodies: tuple[str, ...]) -> list[ViewState]:
    """The default views (latest year, Japanese, totals) of the bodies named by a ``prerender`` setting.

    ``("documents",)`` = every body with its own documents; ``("none",)`` = none; else the given 団体コード
    (codes not in the data are left out). Bodies without a year of data have no view.
    """
    if bodies == ("none",):
        return []
    codes = sorted(ds.seed_codes) if bodies == ("documents",) else [c for c in bodies if c in ds.codes]
    views = [resolve(ds, {"m": code}) for code in codes]
    return [view for view in views if view.year is not None]
