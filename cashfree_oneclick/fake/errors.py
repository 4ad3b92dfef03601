"""Errors the fake answers with, always in the vendor's error shape ``{type, code, message}``.

A handler raises :class:`VendorError`; the app renders it. Documented codes take their status, type
and message from the operation's own documented examples (message wording differs between vendor
pages for the same code, so it is looked up per operation); undocumented situations follow the
vendor's naming convention (``<field>_missing``, ``<field>_value_invalid``, ...).
"""

from __future__ import annotations

from collections.abc import Sequence

from jsonschema import ValidationError

from cashfree_oneclick.fake.spec import Operation


class VendorError(Exception):
    def __init__(
        self,
        status: int,
        type_: str,
        code: str,
        message: str,
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.type = type_
        self.code = code
        self.message = message
        self.headers = tuple(headers)

    def body(self) -> dict[str, str]:
        return {"type": self.type, "code": self.code, "message": self.message}


def documented(operation: Operation, code: str, fallback_status: int, fallback_message: str) -> VendorError:
    """The operation's documented error for ``code``, or one in the vendor's style."""
    example = operation.error(code, fallback_status)
    if example is not None:
        return VendorError(example.status, example.type, example.code, example.message)
    type_ = {401: "authentication_error", 403: "authentication_error", 429: "rate_limit_error"}.get(
        fallback_status, "internal_error" if fallback_status >= 500 else "validation_error"
    )
    return VendorError(fallback_status, type_, code, fallback_message)


def invalid_request(code: str, message: str) -> VendorError:
    return VendorError(400, "validation_error", code, message)


# The order in which the vendor's documented codes suggest fields are checked: a missing field before
# a malformed one, and shallower fields before nested ones.
_KEYWORD_RANK = {"required": 0, "type": 1, "minLength": 2, "maxLength": 3}


def from_validation_errors(operation: Operation, errors: Sequence[ValidationError]) -> VendorError:
    """Map the schema errors of a request body to the vendor's documented 400 (the first that applies)."""
    error = min(
        errors,
        key=lambda e: (
            len(e.absolute_path),
            _KEYWORD_RANK.get(str(e.validator), 9),
            list(map(str, e.absolute_path)),
        ),
    )
    field = next((str(part) for part in reversed(error.absolute_path) if isinstance(part, str)), None)
    if error.validator == "required":
        required: list[str] = list(error.validator_value)  # type: ignore[arg-type]  # "required" is a list
        instance: dict[str, object] = error.instance  # type: ignore[assignment]  # "required" applies to objects
        missing = next(name for name in required if name not in instance)
        return documented(operation, f"{missing}_missing", 400, f"{missing} is missing in the request.")
    if field is None:
        return invalid_request("request_body_invalid", "request body should be a valid JSON object.")
    if error.validator == "minLength" and error.instance == "":
        return documented(operation, f"{field}_missing", 400, f"{field} is missing in the request.")
    if error.validator == "maxLength":
        limit = error.validator_value
        return documented(
            operation,
            f"{field}_length_exceeded",
            400,
            f"{field} can include a maximum of {limit} characters.",
        )
    return documented(operation, f"{field}_value_invalid", 400, f"{field} should be valid.")
