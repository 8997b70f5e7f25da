"""Exports built beside the app, not in it: decks and workbooks are made in worker processes, so clicks stay quick.

An app process runs every session's page runs in one Python interpreter, one
at a time (Python's global lock). A deck build holds it for about 100 to 200 ms
of pure-Python work (python-pptx), so a room that builds its decks within a few
seconds queued every page run behind them, and the machine's other core stayed
idle. ``run(fn, *args)`` calls a core function in a process of a small pool
instead: the page's thread waits without holding the lock, other sessions' runs
go on, and the builds use the other cores.

- **How many**: ``LDPITCH_EXPORT_WORKERS`` processes (``make serve`` sets 1 per
  app process, whose app processes already use every core), else one per core;
  ``0`` builds in the app process itself, as before.
- **Started once, warm**: the pool is made at the first page run of an app
  process that serves a port (``start()``, from ``ui.serving``; AppTest builds
  in its own process). Its processes are fresh interpreters (``spawn``: never
  a fork of the server's threads) that import the deck and workbook code as
  they start, so the first build does not wait for imports.
- **None left behind**: each worker asks Linux to end it when the app process
  ends (``PR_SET_PDEATHSIG``), even when the app process is killed.
- **Same results**: the function, its arguments and its result travel by
  pickle; a core refusal (``LdpitchError``) reaches the page with its message.
- **Never stuck**: a pool that broke (a worker killed, out of memory) is
  replaced, and that call is made in the app process instead.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import importlib
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ldpitch.errors import LdpitchError

log = logging.getLogger("ldpitch.app")
T = TypeVar("T")
VARIABLE = "LDPITCH_EXPORT_WORKERS"
#: What each worker imports as it starts, so a build never waits for it.
PRELOAD = ("ldpitch.deck", "ldpitch.workbook")
PR_SET_PDEATHSIG = 1

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def wanted() -> int:
    """How many worker processes: ``LDPITCH_EXPORT_WORKERS`` (0 for none), else one per core."""
    try:
        return max(0, int(os.environ.get(VARIABLE, "")))
    except ValueError:
        return os.cpu_count() or 1


def start() -> ProcessPoolExecutor | None:
    """The process's pool, made (and warmed) on the first call; None when ``LDPITCH_EXPORT_WORKERS`` is 0."""
    global _pool
    with _lock:
        if _pool is None and wanted() > 0:
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(max_workers=wanted(), mp_context=context, initializer=_started, initargs=(os.getpid(),))
            for _ in range(wanted()):  # start every worker now, not at the first build
                _pool.submit(_ready)
        return _pool


def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a worker process (in this process when no pool was started, or it broke)."""
    pool = _pool
    if pool is None:
        return fn(*args, **kwargs)
    try:
        done, value = pool.submit(_call, fn, args, kwargs).result()
    except BrokenProcessPool:
        log.warning("The export workers stopped; starting new ones, and building this one here.")
        _replace(pool)
        return fn(*args, **kwargs)
    if done:
        return value
    raise value


def stop() -> None:
    """End the pool's processes (at exit, and in tests)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(stop)


def _replace(broken: ProcessPoolExecutor) -> None:
    """A new pool in place of a broken one (once, however many builds found it broken)."""
    global _pool
    with _lock:
        if _pool is not broken:
            return
        _pool = None
    broken.shutdown(wait=False, cancel_futures=True)
    start()


def _ready() -> bool:
    return True


def _started(parent: int) -> None:
    """In each worker as it starts: end with the app process (Linux), then load the export code."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the app process ended before the line above took effect
            os._exit(1)
    for name in PRELOAD:
        importlib.import_module(name)


def _call(fn: Callable[..., T], args: tuple, kwargs: dict) -> tuple[bool, Any]:
    """In the worker: the result, or the core's refusal as an error that survives the trip back with its message."""
    try:
        return True, fn(*args, **kwargs)
    except LdpitchError as e:
        try:
            again = pickle.loads(pickle.dumps(e))
            if type(again) is type(e) and str(again) == str(e):
                return False, e
        except Exception:  # noqa: BLE001 - an error class that cannot be rebuilt from its arguments
            pass
        return False, LdpitchError(str(e))
