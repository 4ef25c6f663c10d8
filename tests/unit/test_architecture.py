"""House rules that keep the architecture visible: pure domain package, catalogs in step, generated descriptor."""

from __future__ import annotations

import ast
import json
import re
import string

import pytest

from finance.schemas import datapackage
from finance.text import LOCALES, catalog
from tests.conftest import ROOT

FORBIDDEN = {"dash", "flask", "plotly", "flask_caching", "werkzeug"}


def test_finance_imports_no_web_or_plotting_library():
    offenders = []
    for path in (ROOT / "finance").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


MAX_DOMAIN_MODULE_LINES = 500


def test_every_domain_module_is_small_enough_to_read():
    """The domain is split by topic and concern: no module of finance/ over ~500 lines."""
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "finance").rglob("*.py")
    }
    assert {path: n for path, n in sizes.items() if n > MAX_DOMAIN_MODULE_LINES} == {}


def test_callbacks_hold_only_dash_callbacks():
    """Flask routes live in web/: no module of callbacks/ registers a route or touches the Flask server."""
    for path in (ROOT / "callbacks").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert ".route(" not in text and "add_url_rule" not in text and "view_functions" not in text, path.name


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != "ja"])
def test_catalogs_have_the_same_keys_and_placeholders(locale):
    """Every key of the Japanese catalog exists in English and やさしい日本語 with the same placeholders, and no
    catalog has keys Japanese lacks (a key added by anyone must be added to all three)."""
    ja, other = catalog("ja"), catalog(locale)
    assert sorted(set(ja) - set(other)) == [], f"missing in {locale}"
    assert sorted(set(other) - set(ja)) == [], f"only in {locale}"
    assert sorted(k for k in ja if _placeholders(ja[k]) != _placeholders(other[k])) == []


def test_every_locale_has_its_own_catalog_folder():
    assert sorted(p.name for p in (ROOT / "finance" / "locales").iterdir() if p.is_dir()) == sorted(LOCALES)


def test_every_message_key_used_in_code_exists():
    pattern = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")
    keys = set()
    for folder in ("finance", "layouts", "callbacks", "web"):
        for path in (ROOT / folder).rglob("*.py"):
            keys |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert keys, "no catalog keys found"
    assert sorted(k for k in keys if k not in catalog("ja")) == []


def test_datapackage_json_is_generated_from_the_schemas():
    stored = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert stored == datapackage()


def test_component_ids_are_declared_once_and_valid():
    from layouts import ids

    declared = {k: v for k, v in vars(ids).items() if k.isupper()}
    assert len(declared) == len(set(declared.values()))
    # an anchor prefix (FIGURE_ANCHOR = "figure") is only used joined to a key: f"{prefix}-{key}"
    used = [f"{v}-key" if k.endswith("_ANCHOR") else v for k, v in declared.items()]
    assert [v for v in used if not re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", v)] == []


def test_figures_use_graph_objects_only():
    assert "plotly.express" not in (ROOT / "layouts" / "figures.py").read_text(encoding="utf-8")


def test_data_readme_documents_every_file_and_column():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for resource in datapackage()["resources"]:
        assert f"`{resource['path']}`" in readme, resource["path"]


def test_selected_figure_script_uses_the_declared_anchor_and_key_pattern():
    from finance.viewstate import FIGURE_PATTERN
    from layouts import ids

    script = (ROOT / "assets" / "mieruka.js").read_text(encoding="utf-8")
    assert f'var PREFIX = "{ids.FIGURE_ANCHOR}-";' in script
    assert f"var KEY = /^{FIGURE_PATTERN.pattern}$/;" in script
