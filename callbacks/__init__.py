"""Dash callbacks only: every module exposes ``register(app)``; callbacks are plain functions.

Flask routes and the server's helpers (the shared caches the callbacks memoise in, the first view, the guard of
Dash's routes, image exports and their render queue) live in :mod:`web`.
"""

from __future__ import annotations

from dash import Dash

from callbacks import compare, embed, indicators, overview, resident, shell


def register_all(app: Dash) -> None:
    """Bind every callback to ``app`` (never the global ``dash.callback``)."""
    shell.register(app)
    overview.register(app)
    indicators.register(app)
    resident.register(app)
    embed.register(app)
    compare.register(app)
