"""PropDesk domain and persistence layer. Never imports Qt (tests/test_layering.py checks)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("propdesk")
except PackageNotFoundError:  # running from a source checkout that was never installed
    __version__ = "0.1.0"
