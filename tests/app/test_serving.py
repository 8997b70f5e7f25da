"""How the app process serves: connections that send at once, server settings, and work a rerun does not do again."""

from __future__ import annotations

import json
import socket
import tomllib

import pytest
from apptest_support import ROOT, delta, open_app, problems
from streamlit import dataframe_util
from streamlit.web.server.starlette.starlette_server import _bind_socket

from ldpitch.charts import build as cb
from ldpitch.charts import vega_lite_spec
from ui import serving


def _nodelay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


@pytest.fixture
def listening():
    """A listening socket made by the function Streamlit's server makes its own with."""
    server = _bind_socket("127.0.0.1", 0, 8)
    server.setblocking(True)
    yield server
    server.close()


def test_streamlits_listening_socket_leaves_nagles_algorithm_on(listening):
    # Why ui.serving exists: made with protocol 0, asyncio does not turn Nagle's algorithm off on its connections.
    # Should a Streamlit upgrade fail this test, the server does it itself and ui.serving can go.
    assert listening.proto == 0 and not _nodelay(listening)


def test_the_servers_sockets_send_without_delay_open_ones_and_later_ones(listening):
    port = listening.getsockname()[1]
    early = socket.create_connection(("127.0.0.1", port))
    early_served, _ = listening.accept()
    elsewhere = socket.socket()  # a socket on another port (a database, say) is left alone
    elsewhere.bind(("127.0.0.1", 0))
    try:
        assert serving.send_without_delay(port) == 2  # the listening socket and the connection already open
        assert _nodelay(listening) and _nodelay(early_served) and not _nodelay(elsewhere)
        late = socket.create_connection(("127.0.0.1", port))
        late_served, _ = listening.accept()
        assert _nodelay(late_served), "a connection accepted later inherits it from the listening socket"
        late.close()
        late_served.close()
    finally:
        for s in (early, early_served, elsewhere):
            s.close()


def test_serving_settings_suit_a_server_not_a_developer_laptop():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["postScriptGC"] is False
    assert settings["server"]["fileWatcherType"] == "none"
    assert settings["server"]["runOnSave"] is False


# --- what a rerun does not do again ----------------------------------------------------------------------------------


def test_a_table_editor_is_prepared_once_until_its_table_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(tmp_path))
    at = open_app("onboarding", "pages/budget.py")
    first = at.session_state["ui.tables"]["budget.costs"]["editor"][1]
    at.number_input(key="discount_rate").set_value(4.5).run()  # a change elsewhere on the page
    assert at.session_state["ui.tables"]["budget.costs"]["editor"][1] is first
    at.session_state["budget.costs"] = delta(edited={0: {"Amount": "12345"}})
    at.run()
    assert not problems(at), problems(at)
    rebuilt = at.session_state["ui.tables"]["budget.costs"]["editor"][1]
    assert rebuilt is not first and rebuilt.frame.loc[0, "Amount"] != first.frame.loc[0, "Amount"]
    assert rebuilt.frame.loc[0, "Amount"] == at.session_state["ui.tables"]["budget.costs"]["draft"].rows[0]["Amount"]


def test_a_charts_table_reaches_the_browser_as_streamlit_would_send_it_from_the_spec(tmp_path, monkeypatch):
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(tmp_path))
    at = open_app("onboarding", "pages/budget.py")
    p = at.session_state["pitch"]
    drawn = {c.proto.alt: c.proto for c in at.get("vega_lite_chart")}
    spec = cb.costs_vs_benefits(p)
    sent = drawn[spec.alt_text]
    whole = vega_lite_spec(spec)
    assert _rows(sent.data.data) == _rows(dataframe_util.convert_anything_to_arrow_bytes(whole.pop("data")["values"]))
    assert {k: v for k, v in json.loads(sent.spec).items() if k != "autosize"} == whole


def _rows(arrow: bytes) -> list[dict]:
    """An Arrow stream's rows, without pandas' index column, with NaN read as null (pandas writes a missing number so)."""
    import math

    import pyarrow as pa

    table = pa.ipc.open_stream(arrow).read_all()
    return [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items() if not k.startswith("__index")}
            for row in table.to_pylist()]


@pytest.mark.parametrize("example", ["association_conference", "onboarding", "production", "sales_mobile"])
def test_every_charts_tables_reach_the_browser_with_the_rows_streamlits_conversion_gives(example):
    from ldpitch.charts import shared_vega_lite_spec
    from ldpitch.pitch import examples
    from ui import charts

    p = examples.load(example)
    specs = [cb.costs_vs_benefits(p), cb.cumulative_cash(p), cb.cost_waterfall(p), cb.scenario_roi(p), cb.sensitivity(p),
             cb.roi_distribution(p), cb.option_scores(p), cb.readiness_radar(p), cb.stakeholder_grid(p)]
    compared = 0
    for spec in [s for s in specs if s is not None]:
        whole = vega_lite_spec(spec)
        drawn, table = charts._prepared(spec)
        layers = [layer["data"]["values"] for layer in whole.get("layer", []) if "values" in layer.get("data", {})]
        sent = list(drawn.get("datasets", {}).values())
        assert len(sent) == len(layers) and not any("values" in layer.get("data", {}) for layer in drawn.get("layer", []))
        for rows, arrow in zip(layers, sent, strict=True):
            assert _rows(arrow) == _rows(dataframe_util.convert_anything_to_arrow_bytes(rows))
            compared += 1
        if table is not None:
            assert table.to_pylist() == _rows(dataframe_util.convert_anything_to_arrow_bytes(whole["data"]["values"]))
            compared += 1
        assert shared_vega_lite_spec(spec) == vega_lite_spec(spec)  # the shared spec was not changed on the way
    assert compared >= 9


def test_a_table_pyarrow_cannot_type_goes_through_streamlits_conversion():
    from ui import charts

    rows = [{"label": "a", "value": 1.5}, {"label": "b", "value": "n/a"}, {"label": "c"}]
    assert _rows(charts._ipc(charts._arrow(rows))) == _rows(dataframe_util.convert_anything_to_arrow_bytes(rows))
    assert charts._arrow([{"a": 1}, {"b": "x"}]).to_pylist() == [{"a": 1, "b": None}, {"a": None, "b": "x"}]


def test_a_change_of_figures_changes_a_layered_charts_tables_not_its_spec():
    # The browser swaps the tables of a chart whose spec is unchanged, instead of drawing it again from scratch.
    from ldpitch.pitch import examples
    from ui import charts

    p = examples.load("onboarding")
    q = p.model_copy(update={"costs": [p.costs[0].model_copy(update={"amount": p.costs[0].amount * 2}), *p.costs[1:]]})
    before, after = charts._element(cb.cumulative_cash(p))[0], charts._element(cb.cumulative_cash(q))[0]
    assert before.spec == after.spec and before.datasets and [d.name for d in before.datasets] == [d.name for d in after.datasets]
    assert [d.data.data for d in before.datasets] != [d.data.data for d in after.datasets]


def _every_chart_both_ways(root: str, example: str) -> None:
    """Each chart of an example drawn by ui.charts (its element built once) and by st.vega_lite_chart, one after the other."""
    import sys

    import streamlit as st

    sys.path.insert(0, root)
    import ldpitch
    from ldpitch.charts import build as cb
    from ui import charts

    p = ldpitch.examples.load(example)
    specs = [cb.costs_vs_benefits(p), cb.cumulative_cash(p), cb.cost_waterfall(p), cb.scenario_roi(p), cb.sensitivity(p),
             cb.option_scores(p), cb.readiness_radar(p), cb.stakeholder_grid(p)]
    for spec in [s for s in specs if s is not None]:
        charts._draw(spec)
        drawn, table = charts._prepared(spec)
        st.vega_lite_chart(table, spec=dict(drawn), theme=None, width="content" if spec.kind == "radar" else "stretch", alt=spec.alt_text)


@pytest.mark.parametrize("example", ["onboarding", "sales_mobile"])
def test_a_chart_is_sent_as_st_vega_lite_chart_sends_it(example):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_every_chart_both_ways, args=(str(ROOT), example), default_timeout=30).run()
    assert not at.exception, at.exception
    nodes = list(at.get("vega_lite_chart"))
    assert len(nodes) >= 12
    for mine, streamlits in zip(nodes[::2], nodes[1::2], strict=True):
        assert mine.proto == streamlits.proto and mine.proto.spec
        assert mine.proto.alt == streamlits.proto.alt != ""
