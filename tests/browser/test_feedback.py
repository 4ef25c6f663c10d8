"""Clarity feedback in headless Chromium, by keyboard: いいえ with a comment reaches the store and the staff report,
once with the default SQLite file and once with a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser.conftest import WAIT_MS, run_gunicorn, screenshot
from tests.browser.test_accessibility import AXE, _serious
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

KEY = "resident.debt.coverage_explain"
FORM = f"form.feedback[data-key='{KEY}']"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path_factory):
    """A server of its own for each store, and the report command's arguments for that store."""
    if request.param == "sqlite":
        folder = str(tmp_path_factory.mktemp("feedback"))
        env, report = {"MIERUKA_FEEDBACK_DIR": folder, "MIERUKA_DATABASE_URL": ""}, ["--db", folder]
    else:
        url = request.getfixturevalue("postgres_url")
        env, report = {"MIERUKA_DATABASE_URL": url}, ["--database-url", url]
    server = run_gunicorn(tmp_path_factory, env)
    yield next(server), report, request.param
    server.close()


def _report(args: list[str], lang: str = "ja") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "finance", "feedback", "report", *args, "--lang", lang],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_brw_feedback_no_with_comment_by_keyboard_reaches_the_report(backend, page_factory):
    url, report_args, name = backend
    page = page_factory()
    page.goto(url + "/debt?m=012149&y=2013")
    form = page.locator(FORM)
    form.wait_for(timeout=WAIT_MS)
    page.wait_for_load_state("networkidle")  # the page's callbacks have all answered: no re-render under the user
    assert form.locator("legend").inner_text() == "この説明はわかりましたか？"
    status = form.locator("[role='status']")
    assert status.get_attribute("aria-live") == "polite"
    assert form.locator(".feedback-comment").is_hidden()

    form.get_by_role("button", name="いいえ").focus()
    page.keyboard.press("Enter")
    comment = form.get_by_label("どこがわかりにくかったですか", exact=False)
    assert comment.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('feedback-comment')")  # focus moved to it
    page.keyboard.type("「交付税措置」の意味がわかりません")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # 送る
    page.wait_for_function(
        "(s) => { const el = document.querySelector(s); return !!el && el.innerText.includes('ありがとう'); }",
        arg=f"{FORM} .feedback-status",
    )
    assert form.get_by_role("button", name="いいえ").get_attribute("aria-pressed") == "true"
    screenshot(page, f"feedback-debt-no-{name}")

    yes_form = page.locator("form.feedback[data-key='resident.debt.lede']")
    yes_form.get_by_role("button", name="はい").click()
    yes_form.locator(".feedback-status").filter(has_text="ありがとう").wait_for()

    text = _report(report_args)
    assert f"{KEY}: いいえ 100%（1/1件）" in text
    assert "/debt [ja] いいえ: 「交付税措置」の意味がわかりません" in text
    assert "resident.debt.lede: いいえ 0%（0/1件）" in text
    assert text.index(KEY) < text.index("resident.debt.lede")  # the least understood first
    assert page.errors == []


def test_brw_feedback_english_page_and_no_cookie(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/debt?m=012149&y=2013&lang=en")
    form = page.locator(FORM)
    form.wait_for(timeout=WAIT_MS)
    page.wait_for_load_state("networkidle")  # the page's callbacks have all answered: no re-render under the user
    assert form.locator("legend").inner_text() == "Was this explanation clear?"
    form.get_by_role("button", name="Yes").click()
    form.locator(".feedback-status").filter(has_text="Thank you").wait_for()
    assert page.context.cookies() == []
    assert page.errors == []


def test_brw_feedback_opened_in_easy_japanese_stays_axe_clean(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/debt?m=012149&y=2013&lang=easy")
    form = page.locator(FORM)
    form.wait_for(timeout=WAIT_MS)
    page.wait_for_load_state("networkidle")  # the page's callbacks have all answered: no re-render under the user
    form.get_by_role("button", name="いいえ").click()
    assert form.get_by_label("わかりにくかったところを書いてください", exact=False).is_visible()
    assert page.evaluate("document.documentElement.lang") == "ja"
    found = _serious(page, AXE.read_text(encoding="utf-8"))
    assert found == [], "\n  ".join(found)
