"""PropDesk domain and persistence layer. Never imports Qt (tests/test_layering.py checks)."""

# The one place the version is written (pyproject.toml reads it): importlib.metadata costs ~35 ms
# at every start-up and is wrong in a frozen build.
__version__ = "0.1.0"
