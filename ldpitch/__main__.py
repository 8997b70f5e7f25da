"""``python -m ldpitch``: the command line."""

from ldpitch.cli import main

raise SystemExit(main())
