"""The whole pipeline and the ``extract`` command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reports.extract import EXTRACTOR_VERSION, Extraction, default_config, extract

from .helpers import SEEDS, seed


def test_it_returns_frozen_results_with_the_extractor_version():
    extraction = seed("000")
    assert isinstance(extraction, Extraction)
    assert extraction.version == EXTRACTOR_VERSION
    with pytest.raises(AttributeError):
        extraction.facts[0].value = 1  # type: ignore[misc]


def test_it_reuses_the_cached_gazetteer_and_catalogue():
    a, b = default_config(region="江津区"), default_config()
    assert a.gazetteer is b.gazetteer and a.catalogue is b.catalogue


def test_it_returns_nothing_for_empty_text():
    assert extract("", config=default_config()).articles == ()
    assert extract(" \n\n ", config=default_config()).facts == ()


def test_it_rejects_bytes():
    with pytest.raises(TypeError):
        extract(b"abc", config=default_config())  # type: ignore[arg-type]


def test_it_gives_every_fact_evidence_offsets_and_a_confidence():
    for prefix in ("000", "001", "002", "003", "004"):
        extraction = seed(prefix)
        for fact in extraction.facts:
            article = extraction.articles[fact.article]
            assert article.text[fact.start:fact.end] == fact.evidence
            assert 0 < fact.confidence <= 1
            assert fact.unit and fact.label


def test_it_maps_facts_back_to_the_uploaded_text():
    text = (SEEDS / "000_d238ae38aa525291.txt").read_text(encoding="utf-8")
    extraction = seed("000")
    (micro,) = [f for f in extraction.facts if f.metric == "micro_grid_count"]
    assert text[micro.source_start:micro.source_end] == "3310"


def _command(*args):
    out = StringIO()
    call_command("extract", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line]


def test_the_command_prints_one_json_fact_per_line():
    rows = _command("--published", "2024-01-15", "--region", "江津区", str(SEEDS / "000_d238ae38aa525291.txt"))
    gdp = next(r for r in rows if r["metric"] == "gdp")
    assert gdp == {**gdp, "doc": "000_d238ae38aa525291", "place": "圣泉街道", "district": "江津区", "year": 2023,
                   "value": 51.03, "unit": "亿元", "approx": "exact", "note": "预计"}
    assert {"evidence", "start", "end"} <= set(gdp)
    assert all(r["metric"] and r["place"] for r in rows)


def test_the_command_prints_candidates_and_initiatives_on_request():
    rows = _command("--candidates", "--initiatives", "--published", "2024-01-15", "--region", "江津区",
                    str(SEEDS / "000_d238ae38aa525291.txt"))
    assert any(r.get("kind") != "initiative" and r["metric"] is None for r in rows)
    assert any(r.get("name") == "津新驿站" for r in rows)


def test_the_command_leaves_a_figure_of_an_unnamed_subdistrict_to_the_candidates(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("经济工作\n\n2019年街道完成固定资产投资15.6亿元。\n", encoding="utf-8")
    assert _command("--region", "昌江区", str(page)) == []
    (row,) = [r for r in _command("--candidates", "--region", "昌江区", str(page)) if r["metric"]]
    assert (row["place"], row["metric"], row["value"], row["place_source"]) == (
        None, "fixed_asset_investment", 15.6, "reference")


def test_the_command_fails_clearly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("extract", str(tmp_path / "missing.txt"), stdout=StringIO())


def test_the_command_fails_clearly_on_an_undecodable_file(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CommandError, match="junk.txt"):
        call_command("extract", str(junk), stdout=StringIO())


def test_the_command_rejects_a_malformed_date(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("圣泉街道\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("extract", "--published", "15/01/2024", str(page), stdout=StringIO())


def test_the_command_reads_gbk_files(tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes("玉林街道网格\n\n玉林街道划分网格42个,配备专职网格员42名。\n".encode("gbk"))
    rows = _command("--region", "武侯区", "--published", "2023-08-01", str(page))
    assert [(r["place"], r["metric"], r["value"]) for r in rows] == [
        ("玉林街道", "grid_count", 42), ("玉林街道", "grid_workers", 42)]


def test_the_command_has_help_text(capsys):
    from reports.management.commands.extract import Command

    parser = Command().create_parser("manage.py", "extract")
    help_text = parser.format_help()
    assert "--published" in help_text and "--region" in help_text and "JSON" in help_text
