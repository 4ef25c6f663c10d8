"""Shared fixtures: the bundled data loaded once, and a built app with a test cache."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("MIERUKA_TEST_DATA_DIR", str(ROOT / "data")))
os.environ["MIERUKA_DATA_DIR"] = str(DATA)
os.environ.setdefault("MIERUKA_CACHE_TYPE", "NullCache")
if "MIERUKA_FEEDBACK_DIR" not in os.environ:  # the tests' votes go to a temporary folder, never the repo's var/
    os.environ["MIERUKA_FEEDBACK_DIR"] = tempfile.mkdtemp(prefix="mieruka-feedback-")
    atexit.register(shutil.rmtree, os.environ["MIERUKA_FEEDBACK_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def dataset():
    """The bundled data folder, loaded and validated (as the app does at start)."""
    from finance import repository

    return repository.init(DATA)


@pytest.fixture(scope="session")
def dash_app(dataset):
    """The one Dash app of the process (``app.py`` builds it at import)."""
    import app as app_module

    return app_module.app


@pytest.fixture()
def client(dash_app):
    """A Flask test client of the app's server."""
    return dash_app.server.test_client()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for this session (started on first use); yields the URL of its admin database."""
    from tests import postgres

    with postgres.server() as url:
        yield url


@pytest.fixture()
def postgres_url(postgres_server):
    """The URL of a new, empty database on the session's PostgreSQL server."""
    from tests import postgres

    return postgres.fresh_database(postgres_server)
