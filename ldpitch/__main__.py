"""``python -m ldpitch``: the command line."""

import gc
import os

# The CLI uses no pydantic plugins; skipping their discovery (an entry-point scan
# through importlib.metadata) saves about 10 ms of every command's start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
# Each command is one short process: the few reference cycles it makes are freed when
# it exits, while the cycle collector's passes over every imported object cost about
# a tenth of a deck build (peak memory of a full deck is the same with it off).
gc.disable()

from ldpitch.cli import main  # noqa: E402 - after the setting above, on purpose

raise SystemExit(main())
