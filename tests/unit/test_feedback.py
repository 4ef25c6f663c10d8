"""The clarity-feedback store on a real SQLite file and on a real PostgreSQL server: migrations, limits, report."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from finance import feedback
from finance.feedback import FeedbackError, PostgresStore, RateLimiter, SQLiteStore, Vote, parse_vote

KEY = "resident.debt.coverage_explain"


def vote(**changes: object) -> dict[str, object]:
    return {"key": KEY, "page": "/debt", "locale": "ja", "understood": False, "comment": "わかりにくい", **changes}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return SQLiteStore(tmp_path)
    return PostgresStore(request.getfixturevalue("postgres_url"))


def test_a_vote_round_trips_and_only_the_day_is_kept(store):
    store.add(parse_vote(vote()))
    store.add(parse_vote(vote(understood=True, comment="")))
    rows = store.votes()
    assert [(k, p, loc, u, c) for k, _, p, loc, u, c in rows] == [
        (KEY, "/debt", "ja", False, "わかりにくい"),
        (KEY, "/debt", "ja", True, ""),
    ]
    assert all(len(day) == 10 for _, day, *_ in rows)  # YYYY-MM-DD, never a time


def test_migrations_run_once_and_record_their_version(store):
    assert store.schema_version() == len(store.migrations) == 2
    store.add(parse_vote(vote()))
    again = type(store)(store.path.parent if isinstance(store, SQLiteStore) else store.url)  # a second worker
    assert again.schema_version() == 2
    assert len(again.votes()) == 1  # nothing re-created, nothing lost


def test_a_new_migration_is_applied_to_an_existing_database(store):
    store.add(parse_vote(vote()))
    extra = "CREATE INDEX feedback_day ON feedback (day)"
    target = store.path.parent if isinstance(store, SQLiteStore) else store.url
    upgraded = type(store)(target, (*store.migrations, extra))
    assert upgraded.schema_version() == 3
    assert len(upgraded.votes()) == 1


def test_the_database_refuses_an_oversized_comment_even_past_the_validation(store):
    too_long = Vote(KEY, "/debt", "ja", False, "あ" * 201)
    with pytest.raises((sqlite3.IntegrityError, psycopg.errors.CheckViolation)):
        store.add(too_long)
    assert store.votes() == []


def test_sqlite_uses_the_wal_journal(tmp_path):
    store = SQLiteStore(tmp_path / "nested")
    assert store.journal_mode() == "wal"
    assert (tmp_path / "nested" / feedback.SQLITE_FILE).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"comment": "あ" * 201}, "comment"),
        ({"comment": 5}, "comment"),
        ({"comment": "bell\x07"}, "comment"),
        ({"key": "この説明"}, "key"),
        ({"key": "resident.no_such_key"}, "key"),
        ({"key": "nav.debt"}, "key"),  # a catalog key, but not an explanation
        ({"page": "https://evil.example/"}, "page"),
        ({"locale": "fr"}, "locale"),
        ({"understood": "no"}, "understood"),
        ({"name": "山田"}, "body"),
    ],
)
def test_invalid_votes_are_refused(changes, field):
    with pytest.raises(FeedbackError) as caught:
        parse_vote(vote(**changes))
    assert caught.value.field == field


def test_a_comment_of_exactly_200_characters_is_accepted_and_trimmed():
    assert parse_vote(vote(comment=" " + "あ" * 200 + " ")).comment == "あ" * 200
    assert parse_vote(vote(comment=None)).comment == ""


def test_the_report_puts_the_least_understood_first_with_its_comments(store):
    other = "resident.tax.explain"
    for understood in (True, True, False):
        store.add(parse_vote(vote(key=other, page="/tax", understood=understood, comment="")))
    store.add(parse_vote(vote()))
    store.add(parse_vote(vote(understood=True, comment="")))
    store.add(parse_vote(vote(comment="交付税措置とは？")))
    rows = feedback.build_report(store.votes())
    assert [(r.key, r.no, r.total) for r in rows] == [(KEY, 2, 3), (other, 1, 3)]
    assert [c.text for c in rows[0].comments] == ["わかりにくい", "交付税措置とは？"]
    text = feedback.format_report(rows, "ja")
    assert text.index(KEY) < text.index(other)
    assert "いいえ 67%（2/3件）" in text and "交付税措置とは？" in text


def test_rate_limiter_counts_per_client_and_forgets_with_the_window():
    now = [0.0]
    limiter = RateLimiter(limit=2, window_s=60, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a"), limiter.allow("b")] == [True, True, False, True]
    salt = limiter._salt
    now[0] = 61
    assert limiter.allow("a")
    assert limiter._salt != salt  # a new salt: yesterday's hashes cannot be linked to today's
    assert len(limiter._counts) == 1 and b"a" not in limiter._counts  # only the salted hash is kept


def test_every_explanation_that_carries_the_question_is_accepted():
    from finance.text import catalog

    keys = [k for k in catalog("ja") if k.rsplit(".", 1)[-1].endswith(feedback.EXPLANATION_ENDINGS)]
    assert "resident.debt.coverage_explain" in keys and "indicator.future_burden_ratio.easy" in keys
    assert "glossary.funds.plain" in keys and "resident.revenue.lede" in keys
    for key in keys:
        assert parse_vote(vote(key=key)).key == key
