"""The heavy marker: ``pytestmark = pytest.mark.heavy(seconds=N)`` in a module that holds a worker N seconds.

tests/conftest.py sorts the collected tests by it, heaviest first (see its comment for why).
"""

from __future__ import annotations

import pytest


def heavy_seconds(item: pytest.Item) -> float:
    """The seconds ``item``'s heavy marker declares (0 for a module that is not heavy)."""
    marker = item.get_closest_marker("heavy")
    if marker is None:
        return 0.0
    seconds = marker.kwargs.get("seconds")
    if marker.args or not isinstance(seconds, int | float) or seconds <= 0:
        raise pytest.UsageError(f"{item.nodeid}: write the heavy marker as heavy(seconds=<seconds>)")
    return float(seconds)
