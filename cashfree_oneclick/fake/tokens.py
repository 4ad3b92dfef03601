"""Access tokens: signed JWTs (HS256, PyJWT) bound to a session and its granted scopes.

Verification is strict: only HS256 (so ``alg: none`` and algorithm confusion fail), our issuer and
audience, every claim required, the expiry checked against the fake's time (``now``: its clock plus
the state store's offset). A created tenant's tokens carry its id (claim ``ten``): a token is bound
to its tenant as to its session. A token that verified once is remembered (bounded) so the hot path of
user-details does not recompute the signature; its expiry is still checked on every use.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from dataclasses import dataclass

import jwt

from cashfree_oneclick.fake.state import DEFAULT_TENANT

ISSUER = "cashfree-1click-fake"
AUDIENCE = "oauth2/user-details"
_REQUIRED = ["exp", "iat", "iss", "aud", "sub", "jti", "vid", "scopes"]


class InvalidTokenError(Exception):
    """The token is malformed, forged, expired or not ours."""


@dataclass(frozen=True)
class TokenClaims:
    session_id: str
    verification_id: str
    scopes: tuple[str, ...]
    token_id: str
    expires_at: float
    tenant: str = DEFAULT_TENANT


class TokenService:
    def __init__(self, secret: str, ttl: float, cache_size: int = 10_000):
        if len(secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters")
        self._secret = secret
        self._ttl = ttl
        self._verified: OrderedDict[str, TokenClaims] = OrderedDict()
        self._cache_size = cache_size

    def issue(
        self,
        session_id: str,
        verification_id: str,
        scopes: tuple[str, ...],
        now: float,
        tenant: str = DEFAULT_TENANT,
    ) -> tuple[str, TokenClaims]:
        claims = TokenClaims(session_id, verification_id, scopes, uuid.uuid4().hex, now + self._ttl, tenant)
        payload: dict[str, object] = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": session_id,
            "vid": verification_id,
            "scopes": list(scopes),
            "jti": claims.token_id,
            "iat": int(now),
            "exp": int(claims.expires_at),
        }
        if tenant != DEFAULT_TENANT:
            payload["ten"] = tenant  # signed: a token names its tenant and no other can use it
        return jwt.encode(payload, self._secret, algorithm="HS256"), claims

    def verify(self, token: str, now: float) -> TokenClaims:
        claims = self.claims(token)
        if now >= claims.expires_at:
            raise InvalidTokenError("expired")
        return claims

    def claims(self, token: str) -> TokenClaims:
        """The claims of a token signed by us, expired or not (the gate reads its tenant first)."""
        claims = self._verified.get(token)
        if claims is None:
            claims = self._decode(token)
            self._verified[token] = claims
            if len(self._verified) > self._cache_size:
                self._verified.popitem(last=False)
        return claims

    def _decode(self, token: str) -> TokenClaims:
        try:
            payload = jwt.decode(
                token,
                self._secret,
                algorithms=["HS256"],
                audience=AUDIENCE,
                issuer=ISSUER,
                # Expiry is checked against the fake's clock (tests move it), not the wall clock.
                options={"require": _REQUIRED, "verify_exp": False, "verify_iat": False},
            )
        except jwt.PyJWTError as error:
            raise InvalidTokenError(type(error).__name__) from error
        scopes = payload["scopes"]
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise InvalidTokenError("scopes claim is not a list of strings")
        tenant = payload.get("ten", DEFAULT_TENANT)
        if not isinstance(tenant, str):
            raise InvalidTokenError("tenant claim is not a string")
        return TokenClaims(
            str(payload["sub"]),
            str(payload["vid"]),
            tuple(scopes),
            str(payload["jti"]),
            float(payload["exp"]),
            tenant,
        )
