"""Behaviour of each page, driven through Streamlit's AppTest the way a user drives the app."""

from __future__ import annotations

import json
from decimal import Decimal

from apptest_support import delta, open_app, problems

from ldpitch.pitch import examples
from ldpitch.pitch.files import dump_pitch
from ldpitch.pitch.model import Pitch


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def editor(at, key: str) -> str:
    """The widget key of a table editor now (it changes each time its table is rebuilt)."""
    version = at.session_state["ui.tables"][key]["version"] if "ui.tables" in at.session_state else 0
    return key if version == 0 else f"{key}~{version}"


# --- Start --------------------------------------------------------------------------------------------


def test_start_offers_one_button_per_example_labelled_with_its_title():
    at = open_app()
    labels = [b.label for b in at.button]
    for name in examples.names():
        assert f"Load example: {examples.title(name)}" in labels


def test_loading_an_example_fills_every_page():
    at = open_app("production")
    expected = examples.load("production")
    assert at.session_state["pitch"] == expected
    at.switch_page("pages/initiative.py").run()
    assert at.text_input(key="initiative.name").value == expected.initiative.name
    at.switch_page("pages/audience.py").run()
    assert at.selectbox(key="primary_audience").value == expected.primary_audience
    assert at.get("vega_lite_chart"), "the power/interest grid is drawn"
    at.switch_page("pages/budget.py").run()
    assert metric(at, "ROI") != "n/a"
    assert len(at.get("vega_lite_chart")) == 6  # five charts of the expected case and the simulation's ROI histogram
    at.switch_page("pages/options.py").run()
    assert at.selectbox(key="recommended_option").value == expected.recommended_option
    at.switch_page("pages/readiness.py").run()
    assert at.selectbox(key="radar.resistance.score").value == expected.radar.resistance.score
    at.switch_page("pages/export.py").run()
    assert not any("Still missing" in e.label for e in at.expander)


def test_a_new_pitch_replaces_the_example():
    at = open_app("sales_mobile")
    at.button(key="start.new").click().run()
    assert at.session_state["pitch"] == Pitch()


def test_a_good_pitch_file_opens():
    at = open_app()
    data = dump_pitch(examples.load("onboarding"))
    at.file_uploader(key="start.upload").upload("onboarding.json", data, "application/json").run()
    assert at.session_state["pitch"] == examples.load("onboarding")
    assert not at.error


def bad_files() -> list[tuple[str, bytes, str]]:
    good = json.loads(dump_pitch(examples.load("onboarding")))
    return [
        ("not JSON", b"this is not json {", "not valid JSON"),
        ("wrong shape", json.dumps({**good, "costs": [{"category": "nonsense", "amount": "-5"}]}).encode(), "costs > 1"),
        ("a list", b"[1, 2, 3]", "JSON object"),
        ("too big", b" " * 2_000_001, "at most 2 MB"),
        ("newer schema", json.dumps({**good, "schema_version": 99}).encode(), "newer ldpitch"),
    ]


def test_a_bad_pitch_file_is_explained_and_leaves_the_pitch_as_it_was():
    at = open_app("sales_mobile")
    before = at.session_state["pitch"]
    for what, data, words in bad_files():
        at.file_uploader(key="start.upload").upload(f"{what}.json", data, "application/json").run()
        assert not at.exception, what
        assert at.error and words in at.error[0].value, (what, [e.value for e in at.error])
        assert "unchanged" in at.error[0].value
        assert at.session_state["pitch"] == before, what


def test_the_overview_links_each_step_to_its_page():
    at = open_app()
    assert len(at.get("page_link")) >= 6


# --- Initiative ------------------------------------------------------------------------------------------


def test_typing_a_field_changes_the_pitch():
    at = open_app(page="pages/initiative.py")
    at.text_input(key="initiative.name").set_value("Sales coaching").run()
    assert at.session_state["pitch"].initiative.name == "Sales coaching"
    at.switch_page("pages/start.py").run()
    assert at.session_state["pitch"].initiative.name == "Sales coaching", "the pitch survives leaving the page"


def test_a_learner_group_row_becomes_a_time_away_cost():
    at = open_app(page="pages/initiative.py")
    at.session_state["initiative.learner_groups"] = delta(added=[{"Group": "Reps", "People": 10.0, "Hours away": 8.0,
                                                                  "Loaded hourly rate": "$50", "Cadence": "One-time"}])
    at.run()
    group = at.session_state["pitch"].learner_groups[0]
    assert (group.name, group.headcount, group.loaded_hourly_rate) == ("Reps", 10, Decimal("50"))
    at.switch_page("pages/budget.py").run()
    assert metric(at, "Total cost") == "$4,000"


# --- Audience ----------------------------------------------------------------------------------------------


def test_a_preset_fills_the_stakeholder_kpis_pain_points_and_objections():
    at = open_app(page="pages/audience.py")
    at.session_state["audience.stakeholders"] = delta(added=[{"Name": "Ops director", "Type": "Operations director"}])
    at.run()
    assert at.session_state["pitch"].stakeholders[0].kpis == []
    at.button(key="audience.preset").click().run()
    s = at.session_state["pitch"].stakeholders[0]
    assert s.kpis and s.pain_points and s.objections and s.wants_to_buy
    assert not at.error


def test_renaming_the_primary_audience_keeps_it_chosen():
    at = open_app("sales_mobile", "pages/audience.py")
    names = [s.name for s in at.session_state["pitch"].stakeholders]
    row = names.index(at.session_state["pitch"].primary_audience)
    at.session_state["audience.stakeholders"] = delta(edited={row: {"Name": "The CFO"}})
    at.run()
    assert at.session_state["pitch"].primary_audience == "The CFO"


# --- Budget ---------------------------------------------------------------------------------------------------


def test_editing_a_cost_changes_the_roi_metric():
    at = open_app("sales_mobile", "pages/budget.py")
    before = metric(at, "ROI")
    at.session_state["budget.costs"] = delta(edited={0: {"Amount": "$250,000"}})
    at.run()
    assert at.session_state["pitch"].costs[0].amount == Decimal(250000)
    assert metric(at, "ROI") != before
    assert not at.exception


def test_a_bad_row_is_flagged_on_the_row_and_good_rows_are_kept():
    at = open_app("sales_mobile", "pages/budget.py")
    before = at.session_state["pitch"].costs
    at.session_state["budget.costs"] = delta(edited={1: {"Amount": "12,5,00"}},
                                             added=[{"Category": "Other", "Item": "Pilot", "Amount": "7,000"},
                                                    {"Item": "No category", "Amount": "1"}])
    at.run()
    assert not at.exception
    pitch = at.session_state["pitch"]
    assert pitch.costs[1] == before[1], "a typo never makes a cost vanish: the row keeps its last good values"
    assert len(pitch.costs) == len(before) + 1, "the good new row is in, the bad new row is out"
    assert pitch.costs[-1].amount == Decimal(7000)
    assert any("12,5,00" in w.value and "did you mean 12,500" in w.value for w in at.warning)
    assert any("Category: fill it in" in w.value for w in at.warning)
    rows = at.session_state["ui.tables"]["budget.costs"]["draft"].rows
    assert rows[1]["Problem"].startswith("⚠ Amount") and rows[1]["Amount"] == "12,5,00"
    assert rows[-1]["Problem"] and not rows[-2]["Problem"]


def test_money_is_typed_the_way_the_pitch_locale_writes_it():
    at = open_app("production", "pages/budget.py")  # EUR, de_DE
    at.session_state["budget.costs"] = delta(edited={0: {"Amount": "12.500 €"}})
    at.run()
    assert at.session_state["pitch"].costs[0].amount == Decimal(12500)
    at.session_state[editor(at, "budget.costs")] = delta(edited={0: {"Amount": "$100"}})
    at.run()
    assert any("another currency" in w.value for w in at.warning)


def benefit_input(at, name: str):
    return next(t for t in at.text_input if t.key.startswith("budget.inputs.0.") and t.key.endswith(f".{name}"))


def test_benefit_inputs_are_typed_as_money_and_saved_with_their_sources():
    at = open_app("sales_mobile", "pages/budget.py")
    line = at.session_state["pitch"].benefits[0]
    assert line.template == "sales_uplift"
    benefit_input(at, "extra_sales_per_seller").set_value("$60,000")
    benefit_input(at, "extra_sales_per_seller.source").set_value("CRM pilot, 2026")
    next(b for b in at.button if b.label == "Save inputs").click().run()
    saved = at.session_state["pitch"].benefits[0]
    assert saved.inputs["extra_sales_per_seller"] == Decimal(60000)
    assert saved.sources["extra_sales_per_seller"] == "CRM pilot, 2026"


def test_a_bad_benefit_input_is_explained_and_nothing_is_saved():
    at = open_app("sales_mobile", "pages/budget.py")
    before = at.session_state["pitch"]
    benefit_input(at, "extra_sales_per_seller").set_value("lots")
    next(b for b in at.button if b.label == "Save inputs").click().run()
    assert at.session_state["pitch"] == before
    assert any("'lots' is not an amount" in w.value for w in at.warning)


def test_charts_are_inline_altair_in_the_pitch_currency():
    at = open_app("production", "pages/budget.py")
    for chart in at.get("vega_lite_chart"):
        spec = chart.proto.spec
        assert '"url"' not in spec and "NaN" not in spec
        assert json.loads(spec)["config"]["locale"]["number"]["currency"] == ["", "\u00a0€"]


# --- Options, alignment, readiness ---------------------------------------------------------------------------------


def test_scores_change_the_ranking():
    at = open_app("sales_mobile", "pages/options.py")
    pitch = at.session_state["pitch"]
    last = len(pitch.options) - 1
    at.session_state["options.scores"] = delta(edited={last: {c.name: 10.0 for c in pitch.criteria}})
    at.run()
    assert all(v == 10 for v in at.session_state["pitch"].options[last].scores.values())
    bars = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert pitch.options[last].name in json.dumps(bars)


def test_a_measure_row_is_added():
    at = open_app(page="pages/alignment.py")
    at.session_state["alignment.measures"] = delta(added=[{"Level": "Business impact", "Measure": "Scrap rate",
                                                          "Baseline": 4.0, "Target": 2.5}])
    at.run()
    m = at.session_state["pitch"].measures[0]
    assert (m.level.value, m.baseline, m.target) == ("business impact", Decimal("4.0"), Decimal("2.5"))


def test_scoring_radar_factors_draws_the_radar():
    at = open_app(page="pages/readiness.py")
    assert not at.get("vega_lite_chart")
    at.selectbox(key="radar.apathy.score").set_value(2).run()
    assert at.session_state["pitch"].radar.apathy.score == 2
    assert at.get("vega_lite_chart")


# --- Export ------------------------------------------------------------------------------------------------------


def test_visiting_export_first_shows_what_is_missing():
    at = open_app(page="pages/export.py")
    assert any("Still missing" in e.label for e in at.expander)


def test_the_deck_is_built_on_demand_and_offered_for_download(monkeypatch):
    import ldpitch.deck as deck  # the Export page takes build_deck from the deck package's front

    calls = []
    real = deck.build_deck
    monkeypatch.setattr(deck, "build_deck", lambda *a, **k: calls.append(k) or real(*a, **k))
    at = open_app("sales_mobile")
    for page in ("pages/budget.py", "pages/export.py"):
        at.switch_page(page).run()
    at.run()
    assert not calls, "the deck is never built just because a page ran"
    assert not [b for b in at.get("download_button") if b.proto.id and "export.pptx" in b.proto.id]
    at.button(key="export.build").click().run()
    assert len(calls) == 1 and calls[0]["length"] == "standard"
    assert at.download_button(key="export.pptx")
    assert not at.error


def test_a_bad_template_is_explained_and_the_default_kept():
    at = open_app("sales_mobile", "pages/export.py")
    at.file_uploader(key="export.template").upload("brand.pptx", b"not a presentation", "application/octet-stream").run()
    assert at.error and "cannot be used" in at.error[0].value
    at.button(key="export.build").click().run()
    assert at.download_button(key="export.pptx")


def test_deleting_the_stakeholder_shown_in_detail_keeps_the_page_working():
    at = open_app("sales_mobile", "pages/audience.py")
    last = len(at.session_state["pitch"].stakeholders) - 1
    at.selectbox(key="audience.pick").set_value(last).run()
    at.text_area(key=f"stakeholders.{last}.wants_to_buy~0").set_value("Fewer calls, more selling").run()
    assert at.session_state["pitch"].stakeholders[last].wants_to_buy == "Fewer calls, more selling"
    at.session_state[editor(at, "audience.stakeholders")] = delta(deleted=[last])
    at.run()
    assert not problems(at)
    assert len(at.session_state["pitch"].stakeholders) == last
    shown = [t.value for t in at.text_area if t.key.startswith("stakeholders.") and ".wants_to_buy" in t.key]
    assert shown and shown[0] != "Fewer calls, more selling", "the detail shows a stakeholder that still exists"


def test_deleting_the_benefit_whose_inputs_are_shown_keeps_the_page_working():
    at = open_app("sales_mobile", "pages/budget.py")
    at.selectbox(key="budget.benefit").set_value(1).run()
    at.session_state["budget.benefits"] = delta(deleted=[1])
    at.run()
    assert not problems(at)
    assert len(at.session_state["pitch"].benefits) == 1


def test_changing_the_currency_rewrites_the_money_cells_in_it():
    at = open_app("sales_mobile", "pages/budget.py")
    at.selectbox(key="currency").set_value("EUR").run()
    at.selectbox(key="locale").set_value("de_DE").run()
    rows = at.session_state["ui.tables"]["budget.costs"]["draft"].rows
    assert rows[0]["Amount"] == "18.000\u00a0€"
    at.session_state[editor(at, "budget.costs")] = delta(edited={1: {"Item": "Renamed"}})
    at.run()
    assert not problems(at) and not at.warning, [w.value for w in at.warning]
    assert at.session_state["pitch"].costs[1].label == "Renamed"
