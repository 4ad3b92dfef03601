"""Is a base URL our fake? Asked of the server itself, never guessed from its address.

``GET <base>/__fake__/info`` (cashfree_oneclick/fake/info.py) answers our fake's identity. Anything else
(a 404, another JSON body, HTML from a proxy, a body too large to be ours) makes the URL a foreign
server. A server that cannot be reached at all is no target: the run could prove nothing. The probe
goes through the suite's bounded HTTP (``http_client.py``): no redirect followed, a total deadline,
at most MAX_INFO_BYTES read.
"""

from __future__ import annotations

from dataclasses import dataclass

from cashfree_oneclick.fake.info import FAKE_NAME, INFO_PATH
from cashfree_oneclick.jsonbody import BodyError, parse_json
from contract_tests import http_client

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
        with http_client.client(max_bytes=MAX_INFO_BYTES) as http:
            answer = http_client.request(http, "GET", url, seconds=timeout)
    except http_client.NoAnswerError as error:
        raise UnreachableError(f"GET {url} got no answer: {error}") from error
    if answer.unreadable:
        return Detection(
            False, f"GET {INFO_PATH} answered {answer.status}, {answer.unreadable}: not our fake"
        )
    return judge(answer.status, answer.headers.get("content-type", ""), answer.content)


def judge(status: int, content_type: str, body: bytes) -> Detection:
    """The verdict on one answer to the probe (separate from the HTTP call, so that each case is testable)."""
    seen = f"GET {INFO_PATH} answered {status}"
    if status != 200:
        return Detection(False, f"{seen}: not our fake")
    if content_type.split(";")[0].strip().lower() != "application/json" or len(body) > MAX_INFO_BYTES:
        return Detection(False, f"{seen} with a {content_type or 'untyped'} body: not our fake")
    try:
        info = parse_json(body, max_bytes=MAX_INFO_BYTES)
    except BodyError:
        return Detection(False, f"{seen} with a body that is not JSON: not our fake")
    if not isinstance(info, dict) or info.get("name") != FAKE_NAME:
        return Detection(False, f"{seen} without the name {FAKE_NAME!r}: not our fake")
    switched = [key for key, value in info.items() if value is True]
    extras = f", with {', '.join(switched)} on" if switched else ""
    return Detection(True, f"{seen}: {FAKE_NAME} {info.get('version', '?')}{extras}")
