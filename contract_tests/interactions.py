"""One recorded request and its answer: what the runner collects, conformance validates and reports replay.

Its own module so that the runner (which records interactions) and conformance (which validates them)
do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Interaction:
    operation: str
    phase: str
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int | None
    response_headers: dict[str, str]
    response_body: bytes | None
    # When the request was sent (epoch seconds), for answers without a Date header: the probes note
    # it before sending, the engine's cases when their scenario is collected (at most its length late).
    at: float | None = None
