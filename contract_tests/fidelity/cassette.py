"""Reading a recorded run: the NDJSON cassette the contract suite writes (contract_tests/reports.py).

Each line is one request and the answer it got, redacted with their shapes kept. A cassette that cannot
be read is refused whole, naming the line: a replay of part of a run would report agreement it never
checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cashfree_oneclick.fake import BASE_PATH
from cashfree_oneclick.jsonbody import parse_json


class CassetteError(ValueError):
    """The cassette is missing, empty or malformed; the message names the file and the line."""


@dataclass(frozen=True)
class Recorded:
    line: int  # 1-based line of the cassette, to find the request again
    operation: str  # "POST /oauth2/session"
    method: str
    path: str  # relative to the recorded target's base URL, query included
    headers: dict[str, str]
    body: str | None  # the request body as recorded (redacted text)
    status: int | None  # None: the request got no answer
    response_headers: dict[str, str]  # lower-case names
    response_body: str | None

    def response_json(self) -> Any:
        """The recorded answer's JSON, or None when it is not JSON."""
        try:
            return parse_json(self.response_body) if self.response_body is not None else None
        except ValueError:
            return None

    def error_code(self) -> str:
        body = self.response_json()
        code = body.get("code") if isinstance(body, dict) and (self.status or 0) >= 400 else None
        return code if isinstance(code, str) else ""


def read(path: Path) -> list[Recorded]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CassetteError(f"{path}: cannot be read: {error}") from error
    # NDJSON lines end at "\n" only: bodies may hold U+2028 and the like, where splitlines() would cut.
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    if not lines:
        raise CassetteError(f"{path}: empty: there is nothing to replay")
    return [_entry(json_line(path, number, line), f"{path}:{number}", number) for number, line in lines]


def json_line(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError as error:
        raise CassetteError(f"{path}:{number}: not JSON: {error}") from error
    if not isinstance(value, dict):
        raise CassetteError(f"{path}:{number}: a line must be a JSON object")
    return value


def _entry(raw: dict[str, Any], where: str, number: int) -> Recorded:
    try:
        request, response = raw["request"], raw["response"]
        method, url = str(request["method"]).upper(), str(request["url"])
        path = request.get("path") or _relative(url)
        status = response["status"]
        if status is not None and not isinstance(status, int):
            raise TypeError("response.status must be an integer or null")
        return Recorded(
            line=number,
            operation=str(raw["operation"]),
            method=method,
            path=str(path),
            headers={str(k): str(v) for k, v in request.get("headers", {}).items()},
            body=request.get("body"),
            status=status,
            response_headers={str(k).lower(): str(v) for k, v in response.get("headers", {}).items()},
            response_body=response.get("body"),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise CassetteError(
            f"{where}: not a recorded interaction ({type(error).__name__}: {error})"
        ) from None


def _relative(url: str) -> str:
    """A cassette written before ``path`` was recorded: the part of the URL after the base path."""
    parts = urlsplit(url)
    path = parts.path
    index = path.find(BASE_PATH + "/")
    local = path[index + len(BASE_PATH) :] if index >= 0 else path
    return local + (f"?{parts.query}" if parts.query else "")
