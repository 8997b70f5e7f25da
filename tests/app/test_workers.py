"""Exports built in worker processes (ui.workers): the same files as built in the app, refusals with their words, no pool left broken."""

from __future__ import annotations

import os
import signal

import pytest

from ldpitch import preview
from ldpitch.deck import build_deck
from ldpitch.errors import LdpitchError, NotJson
from ldpitch.pitch import examples, load_pitch
from ldpitch.workbook import workbook_bytes
from ui import workers


@pytest.fixture
def pool(monkeypatch):
    monkeypatch.setenv(workers.VARIABLE, "1")
    workers.stop()
    assert workers.start() is not None
    yield workers._pool
    workers.stop()


def test_a_deck_built_in_a_worker_is_the_deck_built_here(pool):
    p = examples.load("onboarding")
    there = workers.run(build_deck, p, audience=p.primary_audience, length="standard")
    here = build_deck(p, audience=p.primary_audience, length="standard")
    assert preview.fingerprint(there) == preview.fingerprint(here)  # every part the same, the dates written aside
    assert {pid for pid in pool._processes} and os.getpid() not in pool._processes


def test_a_workbook_comes_back_whole(pool):
    p = examples.load("production")
    assert workers.run(workbook_bytes, p)[:2] == b"PK"


def test_a_refusal_in_a_worker_reaches_the_page_with_its_kind_and_words(pool):
    with pytest.raises(NotJson) as there:
        workers.run(load_pitch, b"{ not json")
    with pytest.raises(NotJson) as here:
        load_pitch(b"{ not json")
    assert str(there.value) == str(here.value) and isinstance(there.value, LdpitchError)


def test_a_killed_worker_costs_that_build_nothing_and_the_next_gets_a_new_pool(pool):
    p = examples.load("sales_mobile")
    workers.run(build_deck, p)  # the worker is up
    killed = set(pool._processes)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    deck = workers.run(build_deck, p)  # the pool broke: built here instead, and a new pool started
    assert deck[:2] == b"PK"
    again = workers._pool
    assert again is not None and again is not pool
    assert workers.run(build_deck, p)[:2] == b"PK" and again._processes and not set(again._processes) & killed


def test_no_pool_builds_in_the_app_process(monkeypatch):
    monkeypatch.setenv(workers.VARIABLE, "0")
    workers.stop()
    assert workers.start() is None
    assert workers.run(load_pitch, examples.path("onboarding").read_bytes()).title
