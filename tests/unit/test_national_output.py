"""The committed data/national: the same as the importer makes from data/official, and whole and consistent."""

import json
from collections import Counter, defaultdict

from finance.national.output import COLUMNS, REASONS, tables_of
from tests.unit.national_helpers import NATIONAL, committed, official_output

STATUSES = {"ok", "no_deficit", "non_positive", "not_applicable", "missing"}


def _by_source(rows, header, column="source_id"):
    index = header.index(column)
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[index]].append(list(row))
    return grouped


def _committed_rows(name):
    return [[r[c] for c in COLUMNS[name]] for r in committed(name)]


def test_committed_output_equals_a_fresh_import_of_data_official():
    """For every source file in data/official, the rows it gives are exactly the committed ones (no drift)."""
    fresh = tables_of(official_output())
    sources = {r[0] for r in fresh["sources.csv"]}
    assert len(sources) == 27
    for name in ("sources.csv", "ratios.csv", "prefecture_means.csv", "settlement.csv", "ward_population.csv"):
        mine = _by_source(fresh[name], COLUMNS[name])
        theirs = _by_source(_committed_rows(name), COLUMNS[name])
        for source_id in sources:
            assert mine.get(source_id, []) == theirs.get(source_id, []), (name, source_id)
    # names matched through a variant spelling: the same rows, the same codes
    mine = _by_source(fresh["unresolved.csv"], COLUMNS["unresolved.csv"])
    theirs = _by_source(_committed_rows("unresolved.csv"), COLUMNS["unresolved.csv"])
    for source_id in (s for s in sources if s.startswith("mic-shuyou-")):
        assert [r[:8] for r in mine.get(source_id, [])] == [r[:8] for r in theirs.get(source_id, [])], source_id
    # population: the fresh import knows fewer bodies (fewer years), so it writes a subset of the committed rows,
    # and every committed row of a body it knows
    known = {r[0] for r in fresh["municipalities.csv"]}
    mine = _by_source(fresh["population.csv"], COLUMNS["population.csv"])
    theirs = _by_source(_committed_rows("population.csv"), COLUMNS["population.csv"])
    for source_id in sources:
        expected = [r for r in theirs.get(source_id, []) if r[0] in known]
        assert mine.get(source_id, []) == expected, source_id
    # the same code gets the same name, prefecture and kind
    committed_bodies = {r[0]: r[1:4] for r in _committed_rows("municipalities.csv")}
    assert {r[0]: r[1:4] for r in fresh["municipalities.csv"]}.items() <= committed_bodies.items()


def test_every_current_body_once_with_its_kind():
    bodies = _committed_rows("municipalities.csv")
    current = [r for r in bodies if r[6] == "yes"]
    kinds = Counter(r[3] for r in current)
    assert len(current) == 1788
    assert kinds["都道府県"] == 47 and kinds["指定都市"] == 20 and kinds["特別区"] == 23
    assert kinds["市"] + kinds["町"] + kinds["村"] + kinds["指定都市"] + kinds["特別区"] == 1741
    assert len({r[0] for r in bodies}) == len(bodies)
    names = {r[0]: (r[1], r[3]) for r in bodies}
    assert names["011002"] == ("札幌市", "指定都市")
    assert names["131016"] == ("千代田区", "特別区")
    assert names["310000"] == ("鳥取県", "都道府県")
    assert names["015130"] == ("中頓別町", "町")


def test_every_row_points_at_a_body_and_a_source():
    bodies = {r["municipality_code"] for r in committed("municipalities.csv")}
    sources = {r["source_id"] for r in committed("sources.csv")}
    for name in ("ratios.csv", "population.csv", "settlement.csv"):
        rows = committed(name)
        assert {r["municipality_code"] for r in rows} <= bodies, name
        assert {r["source_id"] for r in rows} <= sources, name
        assert all(r["source_row"].isdigit() for r in rows), name


def test_ratio_rows_keep_status_and_never_invent_a_zero():
    rows = committed("ratios.csv")
    assert {r["status"] for r in rows} <= STATUSES
    assert all((r["value"] == "") == (r["status"] != "ok") for r in rows)
    dashes = [r for r in rows if r["published_text"] in ("-", "－", "nc")]
    assert dashes and all(r["value"] == "" for r in dashes)


def test_every_body_and_year_fy2005_2024():
    years = Counter(
        int(r["fiscal_year"])
        for r in committed("ratios.csv")
        if r["indicator"] == "real_debt_service_ratio" and not r["source_id"].startswith("mic-kessan")
    )
    assert sorted(years) == list(range(2005, 2025))
    assert all(years[y] == 1741 + 47 for y in range(2014, 2025))


def test_unresolved_report_has_a_known_reason_on_every_row():
    rows = committed("unresolved.csv")
    assert {r["reason"] for r in rows} <= set(REASONS)
    assert [r for r in rows if r["outcome"] == "unresolved"] == []


def test_descriptor_and_readme_cover_every_file():
    descriptor = json.loads((NATIONAL / "datapackage.json").read_text(encoding="utf-8"))
    readme = (NATIONAL / "README.md").read_text(encoding="utf-8")
    for resource in descriptor["resources"]:
        assert resource["rows"] == len(committed(resource["path"])), resource["path"]
        assert f"`{resource['path']}`" in readme


def test_fy2022_2024_come_from_the_conversion_labelled_as_edited():
    sources = {r["source_id"]: r for r in committed("sources.csv")}
    later = [r for r in committed("ratios.csv") if int(r["fiscal_year"]) >= 2022]
    assert len(later) == 3 * (1741 + 47) * 5
    assert {r["source_id"] for r in later} == {"jfl-shuyou-2015-2024"}
    converted = sources["jfl-shuyou-2015-2024"]
    assert converted["edited"] == "yes" and "総務省" in converted["publisher_ja"]
    assert "加工" in converted["attribution_ja"] and "japan-fiscal-lens" in converted["attribution_ja"]
    # the official tables are used for every year they cover
    assert not [
        r for r in committed("ratios.csv") if int(r["fiscal_year"]) <= 2021 and r["source_id"].startswith("jfl-")
    ]
    assert {r["edited"] for r in sources.values() if r["source_id"].startswith("mic-")} == {"no"}
