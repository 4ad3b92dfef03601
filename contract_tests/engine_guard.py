"""What the engine's own requests obey: the request budget, no redirect, and the suite's body limits.

schemathesis sends through ``requests``; its ``before_call`` hook is global only (schemathesis 4.32:
"Cannot register hook 'before_call' on SCHEMA scope dispatcher"), so :class:`EngineGuard` registers
one global hook for the length of one run and ignores the cases of any other schema. For each call it

- refuses to send once the hard request budget is spent (:class:`BudgetExhaustedError`), and asks the
  engine to stop: a spent budget ends the run as planned (its stop reason says so), it is no error;
- turns redirects off (``allow_redirects=False``; the profile also sets ``max-redirects: 0``): a 3xx
  is the answer under test, and credentials never follow it to another origin;
- reads the body through :class:`CappedBody` (a response hook on the call, and one on every session
  the engine makes, for schemathesis's capability probes that no hook sees), streaming: at most
  ``max_bytes`` after decompression, within ``seconds`` in total, and, when it looks like JSON, nested
  at most ``max_depth`` levels (``jsonbody``). A body past a limit reaches the engine empty, and the
  guard keeps the reason: the runner reports it as a ``body_within_limits`` finding. (A body within
  the limits that is not strict JSON passes as it is: that is ``wire.json_body``'s finding.)
- bounds the head of every answer to ``seconds`` in total too (``engine_sockets``: an adapter on every
  session the engine makes), so a head dripping one byte at a time fails that call instead of holding
  the engine;
- refuses to send anything once the run is stopping at its time bound (:class:`RunStoppingError`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.jsonbody import BodyError, parse_json
from contract_tests.engine_sockets import bound_heads
from contract_tests.schemathesis_adapter import (
    add_session_response_hook,
    add_session_setup,
    register_global_hook,
    remove_session_response_hook,
    remove_session_setup,
    unregister_global_hook,
)

PIECE = 1024  # bytes asked of urllib3 at a time: one piece of a gzip bomb expands to about 1 MiB


class BudgetExhaustedError(RuntimeError):
    """The hard request budget of the target is spent; no further request is sent."""


class RunStoppingError(RuntimeError):
    """The run was asked to stop (its time bound): the engine's remaining cases are not sent."""


@dataclass(frozen=True)
class Cut:
    operation: str  # the operation's label, e.g. "POST /oauth2/session"
    status: int
    reason: str


def _too_deep(body: bytes, max_bytes: int, max_depth: int) -> bool:
    try:
        parse_json(body, max_bytes=max_bytes, max_depth=max_depth)
    except BodyError as error:
        return error.reason.startswith("body nests deeper")
    return False


def looks_like_json(content_type: str, content: bytes) -> bool:
    media = content_type.split(";")[0].strip().lower()
    return media.endswith(("/json", "+json")) or content.lstrip()[:1] in (b"{", b"[")


class CappedBody:
    """Stands in for a ``requests`` response's ``raw``: its ``stream`` yields the body once, bounded."""

    def __init__(self, raw: Any, content_type: str, limits: tuple[int, int, float], cut: Any) -> None:
        self._raw, self._content_type, self._limits, self._cut = raw, content_type, limits, cut

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def _pieces(self, decode_content: bool | None) -> Any:
        """The body as it arrives: urllib3's ``read1`` returns what one read gives (its ``stream``
        waits to fill each piece, so a body dripping a byte at a time would never be looked at)."""
        if not hasattr(self._raw, "read1"):
            yield from self._raw.stream(PIECE, decode_content=decode_content)
            return
        while chunk := self._raw.read1(PIECE, decode_content=decode_content):
            yield chunk

    def stream(self, amt: int | None = None, decode_content: bool | None = None) -> Any:
        max_bytes, max_depth, seconds = self._limits
        ends = time.monotonic() + seconds
        chunks: list[bytes] = []
        size = 0
        for chunk in self._pieces(decode_content):
            size += len(chunk)
            why = f"body exceeds the limit of {max_bytes} bytes (decompressed)" if size > max_bytes else ""
            if not why and time.monotonic() > ends:
                why = f"body still arriving after {seconds:g} s"
            if why:
                self._raw.close()  # the rest is never read: the connection goes, not back to the pool
                self._cut(why)
                return
            chunks.append(chunk)
        body = b"".join(chunks)
        if body and looks_like_json(self._content_type, body) and _too_deep(body, max_bytes, max_depth):
            self._cut(f"body nests deeper than {max_depth} levels")
            return
        # Within the limits, a body that is not strict JSON (NaN, a BOM, broken) goes through as it
        # came: it is wire.json_body's finding, and the engine's checks parse it without recursing.
        yield body


class EngineGuard:
    """One run's global ``before_call`` hook: budget, no redirect, bounded bodies (a context manager)."""

    def __init__(
        self,
        schemas: tuple[Any, ...],
        budget: int | None,
        *,
        max_bytes: int,
        max_depth: int,
        seconds: float,
        on_spent: Any = None,
    ) -> None:
        self.schemas = schemas  # this run's schemas (the loaded one and what include/exclude made of it)
        self.on_spent = on_spent  # called once when the budget is spent (the runner stops the engine)
        self.budget = budget
        self.limits = (max_bytes, max_depth, seconds)
        self.sent = 0
        self.cuts: list[Cut] = []
        self._lock = threading.Lock()
        self.stopping = threading.Event()  # set at the time bound: nothing more is sent
        self._hook = self.before_call  # one bound method: unregister removes exactly it
        self._session_cap = self._capper(None)
        self._session_setup = self._bound_heads  # one bound method, as the hook above

    def __enter__(self) -> EngineGuard:
        register_global_hook("before_call", self._hook)
        add_session_response_hook(self._session_cap)
        add_session_setup(self._session_setup)
        return self

    def __exit__(self, *exc_info: object) -> None:
        unregister_global_hook(self._hook)
        remove_session_response_hook(self._session_cap)
        remove_session_setup(self._session_setup)

    def _bound_heads(self, session: Any) -> None:
        bound_heads(session, self.limits[2])

    def before_call(self, context: Any, case: Any, kwargs: dict[str, Any]) -> None:
        if not any(case.operation.schema is schema for schema in self.schemas):
            return  # another run's case (the hook is global)
        if self.stopping.is_set():
            # The engine checks its stop flag between scenarios only; a scenario's further calls (and
            # the checks' re-sends) would each wait for a slow server past the bound.
            raise RunStoppingError("the run is stopping at its time bound: no further request is sent")
        with self._lock:
            if self.budget is not None and self.sent >= self.budget:
                if self.on_spent is not None:
                    self.on_spent()
                    self.on_spent = None
                raise BudgetExhaustedError(
                    f"request budget of {self.budget} spent: no further request is sent"
                )
            self.sent += 1
        kwargs["allow_redirects"] = False
        kwargs["hooks"] = {"response": [self._capper(case.operation.label)]}

    def _capper(self, operation: str | None) -> Any:
        """A requests response hook for ``operation`` (None: named by the request, for the sessions'
        hook, which also sees schemathesis's own capability probes)."""

        def cap(response: Any, *args: Any, **kwargs: Any) -> Any:
            if hasattr(response.raw, "stream") and not isinstance(response.raw, CappedBody):
                content_type = response.headers.get("content-type", "")
                request = response.request
                label = operation or f"{request.method} {request.path_url.split('?')[0]}"

                def cut(reason: str) -> None:
                    with self._lock:
                        self.cuts.append(Cut(label, response.status_code, reason))

                response.raw = CappedBody(response.raw, content_type, self.limits, cut)
            return response

        return cap
