"""What the app process sets once about how it serves: messages sent at once (TCP_NODELAY), and a lighter garbage collector.

``set_up_once()`` runs at the start of the first page run in a process (from
``ui.frame.run``); later calls return at once. A process that serves no port
(AppTest, in the tests) is left as it is.

- **No 40 ms wait on every rerun.** Streamlit 1.67 serves through uvicorn on
  a listening socket it makes itself (``socket.socket(family)``, protocol
  number 0), and Python's asyncio turns Nagle's algorithm off only on sockets
  made with ``IPPROTO_TCP``: every connection the app accepts keeps it on, so
  after the first small frame of a rerun the rest wait for the browser's
  delayed acknowledgement, 40 ms on Linux (measured: a one-widget page's
  rerun took 47 ms over the websocket, 6 ms without the wait). Streamlit has
  no setting for it and the app cannot reach uvicorn's sockets, so
  ``send_without_delay`` finds the sockets of the server's port among the
  process's own and sets TCP_NODELAY on them: on the listening socket, from
  which Linux copies it to every connection accepted later, and on the
  connections already open.
- **Exports beside the app.** Deck and workbook builds run in worker
  processes (``ui.workers``), started here.
- **A garbage collector that does not walk the libraries.** With
  ``runner.postScriptGC`` off (.streamlit/config.toml), Python's own
  collector still runs; its full collections walked the 170,000 objects
  that pandas, pyarrow, Altair and the app's modules leave for good (about
  0.3 s each, every hundred or so reruns, on whoever's rerun it fell). Those
  objects are moved out of its sight (``gc.freeze``) once they are loaded.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import socket
import threading
from pathlib import Path

import streamlit as st

import ui.workers as workers

log = logging.getLogger("ldpitch.app")
_done = threading.Event()


def set_up_once() -> None:
    """The process's serving set-up, at its first page run (later calls do nothing)."""
    if _done.is_set():
        return
    _done.set()
    if send_without_delay(int(st.get_option("server.port"))):  # a process serving a port (AppTest serves none)
        workers.start()  # exports built in worker processes, started now so the first build does not wait for them
        freeze_loaded_objects()


def send_without_delay(port: int) -> int:
    """Set TCP_NODELAY on this process's sockets of ``port``; returns how many (0 where open files cannot be listed).

    Never raises: a failure only costs latency.
    """
    found = 0
    for fd in _open_sockets():
        try:
            with socket.socket(fileno=os.dup(fd)) as sock:  # a second handle: closing it leaves the server's socket open
                if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM and sock.getsockname()[1] == port:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    found += 1
        except OSError:  # closed meanwhile, or not bound
            continue
    log.debug("TCP_NODELAY set on %d sockets of port %d", found, port)
    return found


def freeze_loaded_objects() -> None:
    """Collect what is garbage now, then leave every object alive now out of later collections (``gc.freeze``)."""
    gc.collect()
    gc.freeze()


def _open_sockets() -> list[int]:
    """The process's open file descriptors that are sockets (Linux lists them in /proc; elsewhere none are found)."""
    fds = []
    with contextlib.suppress(OSError):
        for entry in Path("/proc/self/fd").iterdir():
            with contextlib.suppress(OSError, ValueError):
                if os.readlink(entry).startswith("socket:"):
                    fds.append(int(entry.name))
    return fds
