"""The hand-written layer beside the generated client (``cashfree_oneclick_generated``, never edited by hand).

- ``OneClickClient`` / ``AsyncOneClickClient``: the flow with typed errors, retries, timeouts, logging;
- ``api_key_client`` / ``bearer_client``: one line to a configured generated client;
- ``errors``: the error tree; ``redaction``: the project's one redaction module.
"""

from cashfree_oneclick.client import AsyncOneClickClient, OneClickClient
from cashfree_oneclick.credentials import (
    DEFAULT_API_VERSION,
    PRODUCTION_URL,
    SANDBOX_URL,
    api_key_client,
    bearer_client,
)
from cashfree_oneclick.errors import (
    AmbiguousSessionError,
    AuthenticationError,
    CashfreeError,
    ConflictError,
    DeadlineExceededError,
    ForbiddenError,
    InsufficientBalanceError,
    InvalidRequestError,
    MalformedResponseError,
    RateLimitedError,
    ServerError,
    TransportError,
    UndocumentedStatusError,
)
from cashfree_oneclick.retries import RetryPolicy
from cashfree_oneclick.settings import Settings, resolve
from cashfree_oneclick.transport import MissingCredentialsError
from cashfree_oneclick.version import __version__

__all__ = [
    "DEFAULT_API_VERSION",
    "PRODUCTION_URL",
    "SANDBOX_URL",
    "AmbiguousSessionError",
    "AsyncOneClickClient",
    "AuthenticationError",
    "CashfreeError",
    "ConflictError",
    "DeadlineExceededError",
    "ForbiddenError",
    "InsufficientBalanceError",
    "InvalidRequestError",
    "MalformedResponseError",
    "MissingCredentialsError",
    "OneClickClient",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "Settings",
    "TransportError",
    "UndocumentedStatusError",
    "__version__",
    "api_key_client",
    "bearer_client",
    "resolve",
]
