"""The kit's version, written here only: hatch reads it for both wheels' metadata (pyproject.toml
``[tool.hatch.version]``), ``make generate`` for the generated project, the fake for its identity."""

__version__ = "0.2.0"
