"""Every clarity question the pages render names an explanation the route accepts (stable catalog keys)."""

from __future__ import annotations

import pytest

from callbacks import indicators, overview, resident
from finance.feedback import parse_vote
from finance.text import t

WK = {"municipality": "012149", "year": 2013}


def _forms(node):
    stack, found = [node], []
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        if getattr(item, "className", None) == "feedback":
            found.append(item)
        children = getattr(item, "children", None)
        if children is not None and not isinstance(children, str):
            stack.append(children)
    return found


@pytest.mark.parametrize("locale", ["ja", "en", "easy"])
def test_every_question_on_the_pages_names_an_accepted_explanation(dash_app, locale):
    state = {**WK, "locale": locale}
    trees = {
        "/indicators": indicators.update_indicators(state),
        "/": overview.update_overview(state),
        **{f"/{p}": getattr(resident, f"update_{p}")(state) for p in ("revenue", "expenditure", "debt", "staff")},
        "/household": resident.update_household(state),
        "/tax": resident.update_tax(state, 100000),
    }
    counted = 0
    for page, tree in trees.items():
        for form in _forms(tree):
            props = form.to_plotly_json()["props"]
            vote = parse_vote({"key": props["data-key"], "page": page, "locale": locale, "understood": False})
            assert props["data-locale"] == locale and props["data-thanks"] == t("feedback.thanks", locale)
            counted += vote.key != ""
    assert counted >= 20  # page summaries, chart explanations and indicator explanations
