"""Frozen entry point of the desk application (PyInstaller runs this file as __main__)."""

from ui.__main__ import main

raise SystemExit(main())
