"""YAML read with libyaml's C parser when PyYAML has it, the pure-Python safe loader otherwise.

Both build the same plain objects (the safe constructor), but the C parser is six times faster on our
bundles (0.31 s against 0.05 s for contract-fake.yaml, measured with ``time.process_time``), and the
pipeline, the suite and the tests read bundles in nearly every process they start.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: str | bytes | IO[str]) -> Any:
    """``yaml.safe_load`` through the fastest safe loader available."""
    return yaml.load(stream, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader (SafeConstructor)
