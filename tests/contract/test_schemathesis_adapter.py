"""The suite reaches schemathesis through one adapter, which fails loudly on an incompatible release."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from schemathesis.engine import events
from schemathesis.hooks import HookDispatcher

from contract_tests import schemathesis_adapter as adapter

ROOT = Path(__file__).resolve().parents[2]
# That no other module imports schemathesis is an import contract (pyproject.toml, make lint-imports).


def test_the_installed_release_has_everything_the_suite_uses() -> None:
    assert adapter.incompatibilities() == []
    adapter.ensure_compatible()


@pytest.mark.parametrize("version", ["4.31.9", "5.0.0", "10.1.0"])
def test_a_release_outside_the_range_is_named(version: str) -> None:
    problems = adapter.incompatibilities(version=version)

    assert problems == [f"schemathesis {version} is outside the supported range >= 4.32, < 5.0"]


def test_each_missing_internal_is_named() -> None:
    internals = (
        ("schemathesis.engine.events.ScenarioFinished", ("recorder", "renamed_field")),
        ("schemathesis.Case.derive", ("headers", "new_required")),
        ("hook:no_such_hook", ("context",)),
        ("schemathesis.engine.gone_module.Thing", ("x",)),
    )

    problems = adapter.incompatibilities(internals=internals)

    assert problems[0] == "schemathesis.engine.events.ScenarioFinished: lacks renamed_field"
    assert problems[1] == "schemathesis.Case.derive: lacks new_required"
    assert problems[2] == "hook:no_such_hook: no such hook"
    assert problems[3].startswith("schemathesis.engine.gone_module.Thing: not found")
    assert len(problems) == 4


def test_an_incompatible_release_fails_loudly_before_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in for a release that renamed an event's field, dropped a hook and bumped the major."""

    class ScenarioFinished:  # the event without its recorder
        phase: str

    monkeypatch.setattr(schemathesis, "__version__", "5.0.0")
    monkeypatch.setattr(events, "ScenarioFinished", ScenarioFinished)
    monkeypatch.delitem(HookDispatcher._specs, "filter_failure")
    adapter.ensure_compatible.cache_clear()
    try:
        with pytest.raises(adapter.IncompatibleSchemathesisError) as raised:
            adapter.load_schema(ROOT / "openapi" / "bundles" / "contract.yaml", {})
    finally:
        adapter.ensure_compatible.cache_clear()

    message = str(raised.value)
    assert message.startswith("the contract suite does not support the installed schemathesis 5.0.0")
    assert "- schemathesis 5.0.0 is outside the supported range >= 4.32, < 5.0" in message
    assert "- schemathesis.engine.events.ScenarioFinished: lacks recorder" in message
    assert "- hook:filter_failure: no such hook" in message
