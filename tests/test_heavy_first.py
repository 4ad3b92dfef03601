"""The heavy modules, named by their own marker, are collected first, heaviest first."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from tests.support.heavy import heavy_seconds


def test_the_session_runs_heavy_modules_first_heaviest_first(request: pytest.FixtureRequest) -> None:
    costs = [heavy_seconds(item) for item in request.session.items]
    assert costs == sorted(costs, reverse=True)
    # this module is not heavy, so at least one module sorts after the heavy ones
    assert heavy_seconds(cast(pytest.Item, request.node)) == 0.0


@pytest.mark.parametrize(
    ("args", "kwargs"), [((5,), {}), ((), {}), ((), {"seconds": 0}), ((), {"seconds": "5"})]
)
def test_a_malformed_heavy_marker_is_refused(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    item = SimpleNamespace(
        nodeid="tests/test_x.py::test_x",
        get_closest_marker=lambda name: pytest.mark.heavy(*args, **kwargs).mark,
    )
    with pytest.raises(pytest.UsageError, match="heavy"):
        heavy_seconds(cast(pytest.Item, item))


def test_an_unmarked_item_costs_nothing_and_a_marked_one_its_seconds() -> None:
    plain = SimpleNamespace(nodeid="a", get_closest_marker=lambda name: None)
    marked = SimpleNamespace(nodeid="b", get_closest_marker=lambda name: pytest.mark.heavy(seconds=12.5).mark)
    assert heavy_seconds(cast(pytest.Item, plain)) == 0.0
    assert heavy_seconds(cast(pytest.Item, marked)) == 12.5
