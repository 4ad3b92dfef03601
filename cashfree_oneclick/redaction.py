"""The one redaction module of the project: every log line, report and artifact goes through it.

Three layers, all driven by :class:`RedactionConfig` (the defaults cover this API):

1. **Keys**: in any JSON-like structure (or header mapping), the value of a sensitive key is replaced
   whole, whatever it looks like: credentials (``x-client-secret``, ``authorization``,
   ``access_token``, ``auth_code``, ``session_id``) and PII fields of the user-details scopes (``mobile``,
   ``pan``, ``aadhaar``, ``name``, ``address``, ``bank_account``, ...).
2. **Patterns**: in free text (a log message, a URL, a body that is not JSON), anything shaped like a
   JWT, a bearer token, a PAN, an Aadhaar number (masked or not), a 10-digit mobile number, an email
   address, an IFSC code or a long digit run (account numbers) is replaced.
3. **Known values**: exact strings registered at run time (the configured client secret, a planted
   test value) are replaced wherever they appear, even inside a word. Values *harvested* from
   responses are registered only when they look like secrets (:func:`looks_like_secret`: a known token
   format, or long enough, not a word of the spec, not a code identifier, not repetitive): a server
   that answers the value ``access_token`` must not turn the code ``access_token_invalid`` into
   ``[REDACTED]_invalid`` in every report.

One marker everywhere: other tools' markers (schemathesis's ``[Filtered]``, URL-quoted forms) that
pass through :meth:`Redactor.text` come out as ours.

Redaction never raises on odd input and never mutates its argument.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import quote_plus

from cashfree_oneclick.jsonbody import parse_json

MASK: Final = "[REDACTED]"
# Other tools' markers, rewritten to ours: schemathesis masks with "[Filtered]" unless configured, and
# URL-quotes its marker inside query strings.
FOREIGN_MARKERS: Final = ("[Filtered]", quote_plus("[Filtered]"), quote_plus(MASK))

DEFAULT_KEYS: Final = frozenset(
    {
        # credentials
        "x-client-id", "x-client-secret", "client_id", "client_secret", "authorization", "x-cf-signature",
        "access_token", "auth_code", "session_id", "token", "cookie", "set-cookie",
        # PII of the 1-Click scopes and of the request
        "identifier_value", "mobile", "mobile_hash", "email", "name", "registered_name", "name_pan_card",
        "name_at_bank", "care_of", "dob", "year_of_birth", "gender", "aadhaar", "pan", "address",
        "complete_address", "split_address", "house", "street", "landmark", "po", "vtc", "subdist", "dist",
        "pincode", "bank_account", "ifsc", "micr", "photo_link", "occupation", "income",
    }
)  # fmt: skip

DEFAULT_PATTERNS: Final = (
    r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*",  # JWT (header always starts with eyJ)
    r"(?i:\bbearer\s+[A-Za-z0-9._~+/=-]{16,})",  # a bearer credential (not the words "bearer token")
    r"\b[A-Za-z]{5}[0-9]{4}[A-Za-z]\b",  # PAN
    r"(?i:\b[x*]{8}[0-9]{4}\b)",  # masked Aadhaar
    r"\b[2-9][0-9]{3}\s?[0-9]{4}\s?[0-9]{4}\b",  # Aadhaar number
    r"(?<![0-9])(?:\+?91[- ]?)?[0-9]{10}(?![0-9])",  # Indian mobile number
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",  # email address
    r"\b[A-Z]{4}0[A-Z0-9]{6}\b",  # IFSC
    r"(?<![0-9])[0-9]{9,18}(?![0-9])",  # account numbers, MICR and other long digit runs
)

# Known token formats: a harvested value of these shapes is a secret whatever its length or entropy.
SECRET_FORMATS: Final = (
    re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"),  # JWT
    re.compile(r"(?i:bearer\s+\S{16,})"),  # a bearer credential
)
# Account, card and phone numbers, dates of birth: digit runs are never words (unless the spec's own).
_DIGITS: Final = re.compile(r"[0-9][0-9 /-]{6,}[0-9]")
# Code identifiers (snake_case, kebab-case, dotted, SCREAMING_CASE) without digits: words, not secrets.
_IDENTIFIER: Final = re.compile(r"[a-z]+(?:[_.-][a-z]+)*|[A-Z]+(?:[_.-][A-Z]+)*")
_TOKEN: Final = re.compile(r"[A-Za-z0-9]+")
MIN_SECRET_LENGTH: Final = 8
MIN_SECRET_ENTROPY: Final = 2.5  # bits per character; "aaaaaaaa" is 0, "9f3Kx_pQ" is 3


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values()) if value else 0.0


def looks_like_secret(value: str, words: frozenset[str] = frozenset()) -> bool:
    """Whether a value found under a sensitive key may be scrubbed everywhere it appears.

    ``words`` are the words of the spec (lower case): a value that is one of them, or made only of
    them, is never a secret, whatever key carried it.
    """
    if any(pattern.fullmatch(value) for pattern in SECRET_FORMATS):
        return True
    if len(value) < MIN_SECRET_LENGTH or _IDENTIFIER.fullmatch(value):
        return False
    tokens = [token.lower() for token in _TOKEN.findall(value)]
    if value.lower() in words or (tokens and all(token in words for token in tokens)):
        return False
    return bool(_DIGITS.fullmatch(value)) or entropy(value) >= MIN_SECRET_ENTROPY


def words_of(document: Any) -> frozenset[str]:
    """The words of a JSON-like document (an OpenAPI spec): its keys and strings and their tokens."""
    found: set[str] = set()
    stack = [document]
    while stack:
        node = stack.pop()
        texts: list[str] = []
        if isinstance(node, Mapping):
            texts.extend(str(key) for key in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            texts.append(node)
        for text in texts:
            found.add(text.lower())
            found.update(token.lower() for token in _TOKEN.findall(text))
    return frozenset(found)


@dataclass(frozen=True)
class RedactionConfig:
    keys: frozenset[str] = DEFAULT_KEYS
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    mask: str = MASK


@dataclass
class Redactor:
    """Redacts values by key, by pattern and by exact known value."""

    config: RedactionConfig = field(default_factory=RedactionConfig)
    _known: set[str] = field(default_factory=set, init=False, repr=False)
    _words: frozenset[str] = field(default_factory=frozenset, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self._keys = frozenset(key.lower() for key in self.config.keys)
        self._pattern = re.compile("|".join(f"(?:{p})" for p in self.config.patterns))
        self._known_pattern: re.Pattern[str] | None = None
        self._known_dirty = False

    def add_known(self, *values: str | None) -> None:
        """Register exact secret or PII values to scrub wherever they appear (empty ones are ignored)."""
        with self._lock:
            # Very short values would scrub ordinary text; they are caught by key instead.
            fresh = {value for value in values if value and len(value) >= 4} - self._known
            if fresh:
                self._known.update(fresh)
                # Compiled on first use, not here: a report harvests hundreds of answers in a row, and
                # recompiling the alternation after each one made writing a report quadratic (40 s).
                self._known_dirty = True

    def known_values(self) -> frozenset[str]:
        """The values registered so far (``add_known``, ``harvest``): a checkpoint for ``forget_since``."""
        with self._lock:
            return frozenset(self._known)

    def forget_since(self, checkpoint: frozenset[str]) -> None:
        """Forget every value registered after ``checkpoint`` (``known_values``): the secrets of one
        test's fake or run must not mask the keys and text of the next (tests/conftest.py)."""
        with self._lock:
            if self._known - checkpoint:
                self._known &= checkpoint
                self._known_dirty = True

    def _known_regex(self) -> re.Pattern[str] | None:
        with self._lock:
            if self._known_dirty:
                ordered = sorted(self._known, key=len, reverse=True)  # longest first: no partial leftovers
                self._known_pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
                self._known_dirty = False
            return self._known_pattern

    def add_words(self, words: Iterable[str]) -> None:
        """Words of the spec (keys, enum values, codes): never harvested as secrets (see harvest)."""
        with self._lock:
            self._words = self._words | frozenset(word.lower() for word in words)

    def harvest(self, value: Any) -> None:
        """Register the secret-looking values of sensitive keys in a JSON-like value (or JSON text).

        Then a session id that a response carried is also scrubbed from the URL of a later request, and
        an access token from a reproduction command: places where no key says what the value is. Only
        values that look like secrets are registered (:func:`looks_like_secret`); the rest stay masked
        under their key only, so a word of the spec a server echoes never eats that word in the reports.
        """
        if isinstance(value, bytes | str):
            try:
                value = parse_json(value)
            except ValueError:
                return
        found: list[str] = []
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, Mapping):
                for key, item in node.items():
                    sensitive = str(key).lower() in self._keys and isinstance(item, str | int)
                    if sensitive and not isinstance(item, bool):
                        # Short values ("M", "Y", an income band) and words would scrub ordinary text.
                        if looks_like_secret(str(item), self._words):
                            found.append(str(item))
                    else:
                        stack.append(item)
            elif isinstance(node, list):
                stack.extend(node)
        self.add_known(*found)

    def text(self, value: str) -> str:
        """Redact free text."""
        for marker in FOREIGN_MARKERS:
            if marker in value:
                value = value.replace(marker, self.config.mask)
        known = self._known_regex()
        if known is not None:
            value = known.sub(self.config.mask, value)
        return self._pattern.sub(self.config.mask, value)

    def data(self, value: Any) -> Any:
        """Redact a JSON-like value (dicts, lists, scalars); sensitive keys lose their whole value."""
        if isinstance(value, Mapping):
            # Keys are text too: a fuzzed body can use a mobile number or a secret as a property name.
            return {
                (self.text(key) if isinstance(key, str) else key): (
                    self.config.mask if str(key).lower() in self._keys else self.data(item)
                )
                for key, item in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def shaped(self, value: Any, sensitive: bool = False) -> Any:
        """Redact a JSON-like value keeping its shape, for artifacts that are compared and replayed.

        Every key, nesting level, list length and JSON type stays: a sensitive key's string becomes the
        mask (unless blank) and its number 0, and an object or list under a sensitive key keeps its keys
        with every leaf redacted (``data`` would replace it whole by the mask, a string). Booleans and
        nulls carry nothing to hide and stay; other strings are redacted by pattern and known value.
        """
        if isinstance(value, Mapping):
            return {
                (self.text(key) if isinstance(key, str) else key): self.shaped(
                    item, sensitive or str(key).lower() in self._keys
                )
                for key, item in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.shaped(item, sensitive) for item in value]
        if isinstance(value, str):  # a blank value hides nothing and says "missing": it stays
            return self.config.mask if sensitive and value.strip() else self.text(value)
        if isinstance(value, bool) or value is None or not sensitive:
            return value
        return type(value)(0) if isinstance(value, int | float) else self.config.mask

    def headers(self, headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(k, self.config.mask if k.lower() in self._keys else self.text(v)) for k, v in headers]

    def body(self, raw: bytes | str, keep_shape: bool = False) -> str:
        """Redact a body: JSON is redacted by key and pattern (``keep_shape``: see ``shaped``), anything
        else as text."""
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        try:
            parsed = parse_json(text)
        except ValueError:
            return self.text(text)
        return json.dumps(self.shaped(parsed) if keep_shape else self.data(parsed), ensure_ascii=False)


REDACTOR: Final = Redactor()
"""The process-wide redactor; register configured secrets with ``REDACTOR.add_known``."""


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the message and arguments of every record passing through it."""

    def __init__(self, redactor: Redactor = REDACTOR) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self.redactor.text(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Exception text can carry request data; render it now, redacted, instead of later raw.
            record.exc_text = self.redactor.text(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install(*loggers: str, redactor: Redactor = REDACTOR) -> None:
    """Attach a RedactingFilter to the named loggers and to every handler of the root logger.

    A logger's filter applies only to records created by that very logger, not to those of its children
    propagating through it: name every logger whose records must be redacted (handler filters, added to
    the root handlers present now, cover the rest).
    """
    redacting = RedactingFilter(redactor)
    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(redacting)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(redacting)
