"""The suite's one door to schemathesis: every name it uses, and a check that a release still has them.

The suite drives schemathesis below its documented surface: engine events and their recorder, hooks
by name and signature, auth providers, the ASGI client, case metadata. Those internals can change in
any release. Every module of ``contract_tests`` imports schemathesis through here only (a test checks
that), and :data:`INTERNALS` lists each internal the suite touches; :func:`ensure_compatible` (called
at the start of every run, and by a test) fails loudly, naming the version and every missing piece,
instead of a run that breaks half-way or, worse, silently records nothing.

Upgrading schemathesis: bump the pin, run ``pytest tests/contract/test_schemathesis_adapter.py``; each
line of its failure names an internal to re-check (then widen :data:`SUPPORTED`).
"""

from __future__ import annotations

import functools
import importlib
import inspect
from functools import cache
from pathlib import Path
from typing import Any, Final

import schemathesis

# The mapping schemathesis keeps a case's headers in: requests's, as schemathesis sends through
# requests. Only here: the suite's own requests are httpx, and requests is no dependency of ours.
from requests.structures import CaseInsensitiveDict as CaseHeaders
from schemathesis import AuthContext, Case, CheckContext, Response
from schemathesis.engine import events
from schemathesis.engine import from_schema as _engine_for
from schemathesis.python import asgi

__all__ = [
    "INTERNALS",
    "SUPPORTED",
    "AuthContext",
    "Case",
    "CaseHeaders",
    "CheckContext",
    "IncompatibleSchemathesisError",
    "Response",
    "add_session_response_hook",
    "add_session_setup",
    "asgi_client",
    "check",
    "ensure_compatible",
    "events",
    "execute",
    "incompatibilities",
    "load_schema",
    "register_global_hook",
    "remove_session_response_hook",
    "remove_session_setup",
    "unregister_global_hook",
]

# The releases this suite was verified against: [first, first-excluded) as version tuples.
SUPPORTED: Final = ((4, 32), (5, 0))

# Each internal the suite relies on: (dotted path of a module, class or function, what it must have).
# For a class: attribute, slot or field names; for a callable: parameter names of its signature; for a
# hook: "hook:<name>" and its parameter names (schemathesis matches hooks by name and signature).
INTERNALS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    # runner.py: loading and running
    ("schemathesis.Config.from_dict", ("data",)),
    ("schemathesis.openapi.from_path", ("path", "config")),
    ("schemathesis.engine.from_schema", ("schema",)),
    ("schemathesis.engine.core.Engine", ("execute",)),
    ("schemathesis.engine.core.EventStream", ("stop_event", "stop")),
    ("schemathesis.schemas.BaseSchema", ("hook", "auth", "exclude", "get_all_operations", "app")),
    ("schemathesis.schemas.BaseSchema.exclude", ("operation_id",)),
    # runner.py: the events consumed and the recorder they carry
    ("schemathesis.engine.events.ScenarioFinished", ("phase", "recorder")),
    ("schemathesis.engine.events.FuzzScenarioFinished", ("recorder",)),
    ("schemathesis.engine.events.NonFatalError", ("info", "value", "label")),
    ("schemathesis.engine.events.FatalError", ("exception",)),
    ("schemathesis.engine.events.EngineFinished", ("stop_reason",)),
    ("schemathesis.engine.recorder.ScenarioRecorder", ("label", "cases", "checks", "interactions")),
    ("schemathesis.engine.recorder.CaseNode", ("value", "parent_id")),
    ("schemathesis.engine.recorder.CheckNode", ("name", "failure_info")),
    ("schemathesis.engine.recorder.CheckFailureInfo", ("failure", "code_sample")),
    ("schemathesis.engine.recorder.Interaction", ("request", "response")),
    ("schemathesis.engine.recorder.Request", ("method", "uri", "body", "headers")),
    ("schemathesis.Response", ("status_code", "headers", "content", "request")),
    # runner.py: hooks, by name and signature
    ("hook:map_case", ("context", "case")),
    ("hook:filter_failure", ("context", "failure", "case", "response")),
    ("hook:before_call", ("context", "case", "kwargs")),
    # engine_guard.py: before_call is global only; registered for one run, then unregistered
    ("schemathesis.hooks.HookDispatcher.register_hook_with_name", ("hook", "name")),
    ("schemathesis.hooks.HookDispatcher.unregister", ("hook",)),
    # engine_guard.py: every session the engine makes (its cases, and its capability probes, which no
    # hook sees) gets our response hook, so the body limits hold for all its requests
    ("schemathesis.engine.context.make_session", ("config", "operation")),
    # checks.py and auth.py: cases, checks, auth providers, the in-process client
    ("schemathesis.check", ("func",)),
    ("schemathesis.Case", ("meta", "body", "headers", "operation", "derive", "call")),
    ("schemathesis.Case.derive", ("headers",)),
    # checks.py: the mapping a case keeps its headers in (requests's, reached through schemathesis:
    # the suite's own requests are httpx, and requests is no dependency of ours)
    ("requests.structures.CaseInsensitiveDict", ("copy", "lower_items")),
    ("schemathesis.generation.meta.CaseMetadata", ("phase", "generation")),
    ("schemathesis.auths.AuthStorage.auth", ("refresh_interval",)),
    ("schemathesis.python.asgi.get_client", ("app",)),
    # profiles.py: our redaction marker in schemathesis's own output
    ("schemathesis.config._output.SanitizationConfig", ("enabled", "replacement")),
)


class IncompatibleSchemathesisError(RuntimeError):
    """The installed schemathesis lacks something the suite relies on."""


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def _resolve(dotted: str) -> Any:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    raise ImportError(dotted)


def _names(target: Any) -> set[str]:
    """What a class offers (attributes, slots, fields) or a callable takes (parameter names)."""
    if inspect.isclass(target):
        names = set(dir(target))
        for klass in target.__mro__:
            names.update(getattr(klass, "__slots__", ()))
            names.update(getattr(klass, "__annotations__", {}))
        return names
    return set(inspect.signature(target).parameters)


def _hook_parameters(name: str) -> set[str] | None:
    spec = schemathesis.hooks.HookDispatcher._specs.get(name)
    return None if spec is None else set(spec.signature.parameters)


def incompatibilities(
    version: str | None = None, internals: tuple[tuple[str, tuple[str, ...]], ...] | None = None
) -> list[str]:
    """Every way the installed schemathesis differs from what the suite relies on (empty: none)."""
    version = schemathesis.__version__ if version is None else version
    internals = INTERNALS if internals is None else internals
    problems = []
    (low, high) = SUPPORTED
    if not low <= _version(version) < high:
        supported = f">= {'.'.join(map(str, low))}, < {'.'.join(map(str, high))}"
        problems.append(f"schemathesis {version} is outside the supported range {supported}")
    for dotted, required in internals:
        if dotted.startswith("hook:"):
            offered = _hook_parameters(dotted.removeprefix("hook:"))
            if offered is None:
                problems.append(f"{dotted}: no such hook")
                continue
        else:
            try:
                offered = _names(_resolve(dotted))
            except (ImportError, AttributeError, TypeError, ValueError) as error:
                problems.append(f"{dotted}: not found ({type(error).__name__}: {error})")
                continue
        missing = [name for name in required if name not in offered]
        if missing:
            problems.append(f"{dotted}: lacks {', '.join(missing)}")
    return problems


@cache
def ensure_compatible() -> None:
    """Raise, naming every difference, unless the installed schemathesis has all the suite uses."""
    problems = incompatibilities()
    if problems:
        raise IncompatibleSchemathesisError(
            f"the contract suite does not support the installed schemathesis {schemathesis.__version__}:\n- "
            + "\n- ".join(problems)
            + "\nSee contract_tests/schemathesis_adapter.py (INTERNALS) before upgrading."
        )


def load_schema(bundle: Path, config: dict[str, Any]) -> Any:
    """The OpenAPI document at ``bundle`` under a schemathesis configuration given as a dict."""
    ensure_compatible()
    return schemathesis.openapi.from_path(bundle, config=schemathesis.Config.from_dict(config))


def execute(schema: Any) -> Any:
    """The engine's event stream over ``schema`` (iterate it; ``stop()`` asks it to finish)."""
    return _engine_for(schema).execute()


def asgi_client(app: Any) -> Any:
    """A requests-compatible session that calls an ASGI app in-process."""
    return asgi.get_client(app)


def register_global_hook(name: str, hook: Any) -> None:
    """Register ``hook`` as schemathesis's global hook ``name`` (some hooks exist at that scope only)."""
    schemathesis.hooks.GLOBAL_HOOK_DISPATCHER.register_hook_with_name(hook, name)


def unregister_global_hook(hook: Any) -> None:
    schemathesis.hooks.GLOBAL_HOOK_DISPATCHER.unregister(hook)


_SESSION_HOOKS: list[Any] = []
_SESSION_SETUPS: list[Any] = []


def _dispatch_session_hooks(response: Any, *args: Any, **kwargs: Any) -> Any:
    for hook in list(_SESSION_HOOKS):
        response = hook(response) or response
    return response


@cache
def _hook_engine_sessions() -> None:
    """Once per process: each requests session the engine makes goes through ``_SESSION_SETUPS`` and
    dispatches its responses to ``_SESSION_HOOKS``."""
    module: Any = importlib.import_module("schemathesis.engine.context")
    original = module.make_session

    @functools.wraps(original)  # its signature stays the one INTERNALS checks
    def make_session(*args: Any, **kwargs: Any) -> Any:
        session = original(*args, **kwargs)
        for setup in list(_SESSION_SETUPS):
            setup(session)
        session.hooks["response"].append(_dispatch_session_hooks)
        return session

    module.make_session = make_session


def add_session_response_hook(hook: Any) -> None:
    """``hook(response)`` runs on every response of the engine's sessions, before its body is read."""
    _hook_engine_sessions()
    _SESSION_HOOKS.append(hook)


def remove_session_response_hook(hook: Any) -> None:
    _SESSION_HOOKS[:] = [item for item in _SESSION_HOOKS if item is not hook]


def add_session_setup(setup: Any) -> None:
    """``setup(session)`` runs on every requests session the engine makes (to mount an adapter)."""
    _hook_engine_sessions()
    _SESSION_SETUPS.append(setup)


def remove_session_setup(setup: Any) -> None:
    _SESSION_SETUPS[:] = [item for item in _SESSION_SETUPS if item is not setup]


check = schemathesis.check
"""Register a custom check (a global registry, like schemathesis's built-in checks)."""
