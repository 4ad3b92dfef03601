"""The hand-written layer beside the generated client (``generated_client``, never edited by hand)."""

from cashfree_oneclick.credentials import (
    DEFAULT_API_VERSION,
    PRODUCTION_URL,
    SANDBOX_URL,
    api_key_client,
    bearer_client,
)

__all__ = ["DEFAULT_API_VERSION", "PRODUCTION_URL", "SANDBOX_URL", "api_key_client", "bearer_client"]
