"""What the user is looking at — municipality, fiscal year, language — read from untrusted input.

Query strings and callback inputs come from the browser and may be forged: every value is checked against
the data and replaced by a sensible default when it is unknown, so a bad link still opens a valid view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from urllib.parse import parse_qs, urlencode

from finance import queries
from finance.formatting import parse_fiscal_year
from finance.load import Dataset
from finance.text import DEFAULT_LOCALE, LOCALES

MAX_QUERY_LENGTH = 512


@dataclass(frozen=True)
class ViewState:
    """A valid view: a known municipality, one of its fiscal years (or ``None`` if it has none) and a locale."""

    municipality: str
    year: int | None
    locale: str

    def as_query(self) -> str:
        """``"?m=012149&y=2013&lang=ja"``: the stable link of this view."""
        params = {"m": self.municipality, "lang": self.locale}
        if self.year is not None:
            params = {"m": self.municipality, "y": str(self.year), "lang": self.locale}
        return "?" + urlencode(params)

    def as_dict(self) -> dict[str, object]:
        """A JSON-friendly form for a ``dcc.Store``."""
        return asdict(self)


def parse_query(search: str | None) -> dict[str, str]:
    """The first value of each parameter of a query string; overlong or non-text input gives ``{}``."""
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return {}
    return {k: v[0] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=False).items() if v}


def default_municipality(ds: Dataset) -> str:
    """The first municipality (by code) that has settlement totals, else the first one."""
    codes = [code for code, _, _ in queries.municipalities(ds)]
    for code in codes:
        if (
            queries.default_year(ds, code) is not None
            and not ds["settlement"].query("municipality_code == @code").empty
        ):
            return code
    return codes[0]


def resolve(ds: Dataset, params: Mapping[str, object]) -> ViewState:
    """A valid :class:`ViewState` from raw parameters ``m`` (code), ``y`` (year, any notation) and ``lang``."""
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
    return ViewState(municipality, year, locale)


def from_store(data: object) -> ViewState | None:
    """A :class:`ViewState` from a store's data, or ``None`` if it is not one (never trusted blindly)."""
    if not isinstance(data, dict):
        return None
    municipality, year, locale = data.get("municipality"), data.get("year"), data.get("locale")
    if not isinstance(municipality, str) or locale not in LOCALES:
        return None
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        return None
    return ViewState(municipality, year, str(locale))


def checked(ds: Dataset, data: object) -> ViewState | None:
    """A stored view re-checked against the data (a forged store gives ``None``, never an error)."""
    view = from_store(data)
    if view is None:
        return None
    if view.municipality not in ds.codes:
        return None
    if view.year is not None and view.year not in queries.fiscal_years(ds, view.municipality):
        return None
    return view
