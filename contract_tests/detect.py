"""Is a base URL our fake? Asked of the server itself, never guessed from its address.

``GET <base>/__fake__/info`` (cashfree_oneclick/fake/info.py) answers our fake's identity. Anything else
(a 404, another JSON body, HTML from a proxy, a body too large to be ours) makes the URL a foreign
server. A server that cannot be reached at all is no target: the run could prove nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx

from cashfree_oneclick.fake.info import FAKE_NAME, INFO_PATH

PROBE_TIMEOUT = 5.0
MAX_INFO_BYTES = 4096  # our identity is a few hundred bytes; a big answer is somebody else's page


class UnreachableError(RuntimeError):
    """The probe got no HTTP answer at all (connection refused, DNS, time-out)."""


@dataclass(frozen=True)
class Detection:
    is_fake: bool
    why: str  # one line for the summary: what the probe saw


def probe(base_url: str, timeout: float = PROBE_TIMEOUT) -> Detection:
    """Ask ``base_url`` whether it is our fake; no credentials are sent."""
    url = base_url.rstrip("/") + INFO_PATH
    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=False)
    except httpx.TransportError as error:
        raise UnreachableError(f"GET {url} got no answer: {type(error).__name__}: {error}") from error
    return judge(response.status_code, response.headers.get("content-type", ""), response.content)


def judge(status: int, content_type: str, body: bytes) -> Detection:
    """The verdict on one answer to the probe (separate from the HTTP call, so that each case is testable)."""
    seen = f"GET {INFO_PATH} answered {status}"
    if status != 200:
        return Detection(False, f"{seen}: not our fake")
    if content_type.split(";")[0].strip().lower() != "application/json" or len(body) > MAX_INFO_BYTES:
        return Detection(False, f"{seen} with a {content_type or 'untyped'} body: not our fake")
    try:
        info = json.loads(body)
    except ValueError:
        return Detection(False, f"{seen} with a body that is not JSON: not our fake")
    if not isinstance(info, dict) or info.get("name") != FAKE_NAME:
        return Detection(False, f"{seen} without the name {FAKE_NAME!r}: not our fake")
    switched = [key for key, value in info.items() if value is True]
    extras = f", with {', '.join(switched)} on" if switched else ""
    return Detection(True, f"{seen}: {FAKE_NAME} {info.get('version', '?')}{extras}")
