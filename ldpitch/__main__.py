"""``python -m ldpitch``: the command line."""

import os

# The CLI uses no pydantic plugins; skipping their discovery (an entry-point scan
# through importlib.metadata) saves about 10 ms of every command's start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from ldpitch.cli import main  # noqa: E402 - after the setting above, on purpose

raise SystemExit(main())
