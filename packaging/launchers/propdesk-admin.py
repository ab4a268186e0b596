"""Frozen entry point of the admin command line, `propdesk-admin` (same as `python -m app`)."""

from app.cli import main

raise SystemExit(main())
