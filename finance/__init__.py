"""Mieruka's pure domain package: data model, validation, figures and formatting of municipal settlements.

Nothing here imports Dash, Flask or Plotly; the web layers (``layouts/``, ``callbacks/``, ``app.py``) build on it.
"""
