"""Clarity feedback (市民モニター): did a resident understand an explanation? Validation, storage and the report.

A vote is the stable catalog key of the explanation (``resident.debt.coverage_explain``), the page path, the
language, はい／いいえ and an optional comment of at most :data:`MAX_COMMENT` characters. Nothing about the person is
kept: no address, no cookie, no time finer than the day.

Two stores with the same schema and behaviour:

* :class:`SQLiteStore` — the default, one file in a folder (WAL journal, so readers never block the writer);
* :class:`PostgresStore` — when ``MIERUKA_DATABASE_URL`` is set (driver ``psycopg``, imported only then).

Both migrate their schema at open: a ``schema_version`` table records the migrations applied, each runs once in a
transaction (several workers opening at once are serialised by a lock). Connections are opened per operation, so a
store may be created before a server forks its workers.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from secrets import token_bytes
from typing import Any, Protocol

from finance.text import LOCALES, has, t

MAX_COMMENT = 200
"""The longest comment accepted, in characters."""
MAX_BODY_BYTES = 4096
"""The largest request body accepted by the web route."""
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+){1,5}")
PAGE_PATTERN = re.compile(r"/[a-z0-9-]{0,40}")
EXPLANATION_ENDINGS = ("explain", "lede", "easy", "plain")
"""The last part of every explanation key that carries the question (``coverage_explain``, ``lede``, ``easy`` …)."""
SQLITE_FILE = "feedback.sqlite3"


class FeedbackError(ValueError):
    """A vote that cannot be stored; ``field`` names the offending part (``comment``, ``key`` …)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Vote:
    """One answer to 「この説明はわかりましたか？」.

    Attributes:
        key: the catalog key of the explanation (stable across languages and rewordings).
        page: the path of the page it was shown on (``/debt``).
        locale: the language the resident read it in.
        understood: はい (True) or いいえ (False).
        comment: optional free text, at most :data:`MAX_COMMENT` characters, never shown publicly.
    """

    key: str
    page: str
    locale: str
    understood: bool
    comment: str = ""


def _clean_comment(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FeedbackError("comment", "not a string")
    text = unicodedata.normalize("NFC", value).strip()
    if len(text) > MAX_COMMENT:
        raise FeedbackError("comment", f"longer than {MAX_COMMENT} characters")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise FeedbackError("comment", "control characters")
    return text


def parse_vote(payload: object) -> Vote:
    """A :class:`Vote` from untrusted input (decoded JSON); every field is checked.

    Raises:
        FeedbackError: a field is missing, of the wrong type, unknown or too long.
    """
    if not isinstance(payload, Mapping):
        raise FeedbackError("body", "not an object")
    unknown = set(payload) - {"key", "page", "locale", "understood", "comment"}
    if unknown:
        raise FeedbackError("body", "unknown fields")
    key, page, locale, understood = (payload.get(k) for k in ("key", "page", "locale", "understood"))
    if (
        not isinstance(key, str)
        or not KEY_PATTERN.fullmatch(key)
        or not key.rsplit(".", 1)[-1].endswith(EXPLANATION_ENDINGS)
        or not has(key, "ja")
    ):
        raise FeedbackError("key", "not an explanation of the site")
    if not isinstance(page, str) or not PAGE_PATTERN.fullmatch(page):
        raise FeedbackError("page", "not a page path")
    if not isinstance(locale, str) or locale not in LOCALES:
        raise FeedbackError("locale", "not a language of the site")
    if not isinstance(understood, bool):
        raise FeedbackError("understood", "not true or false")
    return Vote(key, page, locale, understood, _clean_comment(payload.get("comment")))


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comment:
    """A comment as the staff read it: the day, the page, the language and the answer it came with."""

    day: str
    page: str
    locale: str
    understood: bool
    text: str


@dataclass(frozen=True)
class ReportRow:
    """The votes on one explanation."""

    key: str
    yes: int
    no: int
    comments: tuple[Comment, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        """All votes."""
        return self.yes + self.no

    @property
    def share_no(self) -> float:
        """The share of 「いいえ」 (0 … 1)."""
        return self.no / self.total if self.total else 0.0


def build_report(votes: Sequence[tuple[str, str, str, str, bool, str]]) -> list[ReportRow]:
    """Rows ``(key, day, page, locale, understood, comment)`` summed per explanation, the least understood first."""
    counts: dict[str, list[int]] = {}
    comments: dict[str, list[Comment]] = {}
    for key, day, page, locale, understood, comment in votes:
        counts.setdefault(key, [0, 0])[0 if understood else 1] += 1
        if comment:
            comments.setdefault(key, []).append(Comment(day, page, locale, understood, comment))
    rows = [ReportRow(k, yes, no, tuple(comments.get(k, ()))) for k, (yes, no) in counts.items()]
    return sorted(rows, key=lambda r: (-r.share_no, -r.no, r.key))


def format_report(rows: Sequence[ReportRow], locale: str) -> str:
    """The report as plain text for the staff who rewrite the explanations."""
    if not rows:
        return t("feedback.report_empty", locale)
    lines = [t("feedback.report_title", locale), ""]
    for row in rows:
        lines.append(
            t(
                "feedback.report_row",
                locale,
                key=row.key,
                share=f"{row.share_no * 100:.0f}",
                no=row.no,
                total=row.total,
            )
        )
        if has(row.key, locale):
            explanation = t(row.key, locale)
            lines.append("    " + (explanation if len(explanation) <= 60 else explanation[:60] + "…"))
        for c in row.comments:
            answer = t("feedback.yes" if c.understood else "feedback.no", locale)
            lines.append(f"    - {c.day} {c.page} [{c.locale}] {answer}: {c.text}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Stores
# ---------------------------------------------------------------------------------------------


class Store(Protocol):
    """Where votes are kept."""

    def add(self, vote: Vote) -> None:
        """Store one vote."""

    def votes(self) -> list[tuple[str, str, str, str, bool, str]]:
        """Every vote as ``(key, day, page, locale, understood, comment)``, oldest first."""

    def schema_version(self) -> int:
        """The last migration applied."""


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


SQLITE_MIGRATIONS: tuple[str, ...] = (
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        day TEXT NOT NULL,
        explanation TEXT NOT NULL,
        page TEXT NOT NULL,
        locale TEXT NOT NULL,
        understood INTEGER NOT NULL CHECK (understood IN (0, 1)),
        comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 200)
    )""",
    "CREATE INDEX feedback_explanation ON feedback (explanation)",
)
POSTGRES_MIGRATIONS: tuple[str, ...] = (
    """CREATE TABLE feedback (
        id BIGSERIAL PRIMARY KEY,
        day DATE NOT NULL,
        explanation TEXT NOT NULL,
        page TEXT NOT NULL,
        locale TEXT NOT NULL,
        understood BOOLEAN NOT NULL,
        comment TEXT NOT NULL DEFAULT '' CHECK (char_length(comment) <= 200)
    )""",
    "CREATE INDEX feedback_explanation ON feedback (explanation)",
)


class SQLiteStore:
    """Votes in ``<folder>/feedback.sqlite3`` (WAL journal, schema migrated at open)."""

    def __init__(self, folder: Path, migrations: Sequence[str] = SQLITE_MIGRATIONS) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / SQLITE_FILE
        self.migrations = tuple(migrations)
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")  # one migrating process at a time
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            done = db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
            for number, statement in enumerate(self.migrations, start=1):
                if number > done:
                    db.execute(statement)
                    db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
            db.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA busy_timeout=10000")
        return db

    def journal_mode(self) -> str:
        """The journal mode of the file (``wal``)."""
        with closing(self._connect()) as db:
            return str(db.execute("PRAGMA journal_mode").fetchone()[0])

    def schema_version(self) -> int:
        """The last migration applied."""
        with closing(self._connect()) as db:
            return int(db.execute("SELECT max(version) FROM schema_version").fetchone()[0])

    def add(self, vote: Vote) -> None:
        """Store one vote."""
        with closing(self._connect()) as db:
            db.execute(
                "INSERT INTO feedback (day, explanation, page, locale, understood, comment) VALUES (?, ?, ?, ?, ?, ?)",
                (_today(), vote.key, vote.page, vote.locale, int(vote.understood), vote.comment),
            )

    def votes(self) -> list[tuple[str, str, str, str, bool, str]]:
        """Every vote, oldest first."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT explanation, day, page, locale, understood, comment FROM feedback ORDER BY id"
            ).fetchall()
        return [(k, str(d), p, loc, bool(u), c) for k, d, p, loc, u, c in rows]


class PostgresStore:
    """Votes in PostgreSQL (``MIERUKA_DATABASE_URL``), schema migrated at open under an advisory lock."""

    LOCK = 7_415_151  # any constant: serialises migrations of concurrent workers

    def __init__(self, url: str, migrations: Sequence[str] = POSTGRES_MIGRATIONS) -> None:
        import psycopg

        self._psycopg: Any = psycopg
        self.url = url
        self.migrations = tuple(migrations)
        with self._connect() as db, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (self.LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            done = db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
            for number, statement in enumerate(self.migrations, start=1):
                if number > done:
                    db.execute(statement)
                    db.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        with self._psycopg.connect(self.url, connect_timeout=10, autocommit=True) as db:
            yield db

    def schema_version(self) -> int:
        """The last migration applied."""
        with self._connect() as db:
            return int(db.execute("SELECT max(version) FROM schema_version").fetchone()[0])

    def add(self, vote: Vote) -> None:
        """Store one vote."""
        with self._connect() as db:
            db.execute(
                "INSERT INTO feedback (day, explanation, page, locale, understood, comment) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (_today(), vote.key, vote.page, vote.locale, vote.understood, vote.comment),
            )

    def votes(self) -> list[tuple[str, str, str, str, bool, str]]:
        """Every vote, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT explanation, day, page, locale, understood, comment FROM feedback ORDER BY id"
            ).fetchall()
        return [(k, str(d), p, loc, bool(u), c) for k, d, p, loc, u, c in rows]


def open_store(folder: Path, database_url: str = "") -> SQLiteStore | PostgresStore:
    """PostgreSQL when a database URL is given, otherwise the SQLite file in ``folder``."""
    return PostgresStore(database_url) if database_url else SQLiteStore(folder)


# ---------------------------------------------------------------------------------------------
# Rate limit
# ---------------------------------------------------------------------------------------------


class RateLimiter:
    """At most ``limit`` votes per client in each window of ``window_s`` seconds, kept in memory only.

    A client is known only by a hash of its address with a random salt that is replaced, with every count, when
    the window ends: neither the address nor the salt is ever written anywhere.
    """

    def __init__(self, limit: int = 20, window_s: float = 600, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._lock = threading.Lock()
        self._start = clock()
        self._salt = token_bytes(16)
        self._counts: dict[bytes, int] = {}

    def allow(self, client: str) -> bool:
        """Count one request of ``client``; False when it is over the limit."""
        with self._lock:
            now = self.clock()
            if now - self._start >= self.window_s:
                self._start, self._salt, self._counts = now, token_bytes(16), {}
            digest = hashlib.blake2b(client.encode(), key=self._salt, digest_size=16).digest()
            count = self._counts.get(digest, 0) + 1
            self._counts[digest] = count
            return count <= self.limit
