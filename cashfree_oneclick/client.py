"""One client for the 1-Click flow, sync and async with the same method names.

    with OneClickClient() as cf:                       # settings from CASHFREE_* variables
        cf.data_availability("vid-1", "9999900000")
        session = cf.initiate_session("vid-2", "9999900000")
        ...                                            # the user consents in the vendor's SDK
        token = cf.generate_token(auth_code)
        details = cf.fetch_user_details(token.access_token)

Each method validates its arguments (ValueError, nothing sent), calls the generated operation with
retries (429, 5xx, transport errors; see retries.py), and returns the generated model, or raises an
error of cashfree_oneclick.errors. ``repr`` of a client shows no credential.

Every call has one total deadline (``deadline=``, default 30 s: connect, send, the whole body, every
attempt and wait; past it :class:`~cashfree_oneclick.errors.DeadlineExceededError`), reads at most
``max_response_bytes`` (4 MiB, decompressed) of JSON nested at most ``max_depth`` (64) levels
(``bounded.py``), follows no redirect, and refuses plain http to a host off this machine unless
``allow_insecure_http=True`` (``settings.py``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from cashfree_oneclick_generated import AuthenticatedClient
from cashfree_oneclick_generated.api.one_click import (
    vrs_user_vault_data_availability as data_availability_api,
)
from cashfree_oneclick_generated.api.one_click import (
    vrs_user_vault_fetch_details_from_access_token as user_details_api,
)
from cashfree_oneclick_generated.api.one_click import (
    vrs_user_vault_oauth_generate_token as generate_token_api,
)
from cashfree_oneclick_generated.api.one_click import vrs_user_vault_oauth_initiation as session_api
from cashfree_oneclick_generated.models import (
    DataAvailabilityRequestSchema,
    DataAvailabilityRequestSchemaUserItem,
    DataAvailabilityResponseSchema,
    FetchDetailsResponseSchema,
    GenerateTokenRequestSchema,
    GenerateTokenResponseSchema,
    InitiateOauthRequestSchema,
    InitiateOauthRequestSchemaUser,
    InitiateOauthResponseSchema,
)
from cashfree_oneclick_generated.types import Response
from tenacity import RetryCallState

from cashfree_oneclick import bounded, transport, validation
from cashfree_oneclick.deadline import DEADLINE
from cashfree_oneclick.interpret import FAILURES, Call, CallState, deadline_passed
from cashfree_oneclick.retries import async_retrying, sync_retrying
from cashfree_oneclick.settings import Settings, check_transport_security, resolve

T = TypeVar("T")


def _before_sleep(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    transport.LOG.warning(
        "retrying in %.2f s after %s (attempt %d)", wait, type(error).__name__, state.attempt_number
    )


class _Base:
    def __init__(self, settings: Settings | None, **options: Any) -> None:
        self.settings = settings or resolve(**options)
        # Every call sends credentials (a pair or the caller's bearer token).
        check_transport_security(self.settings.base_url, True, self.settings.allow_insecure_http)
        self._generated = AuthenticatedClient(
            base_url=self.settings.base_url, token="", raise_on_unexpected_status=False
        )
        self._auth = transport.CredentialRouter(self.settings.app_pair, self.settings.general_pair)

    def _state(self, call: Call[T]) -> CallState[T]:
        return CallState(call, self.settings.call_deadline, self.settings.retry.max_server_wait)

    def _bounds(self) -> dict[str, Any]:
        """What the bounded httpx client of either kind is built with."""
        return {
            "max_bytes": self.settings.max_response_bytes,
            "max_depth": self.settings.max_depth,
            "base_url": self.settings.base_url,
            "auth": self._auth,
            "timeout": self.settings.timeout,
            "follow_redirects": False,  # credentials never leave the target's origin
        }

    def __repr__(self) -> str:
        settings = self.settings
        return f"{type(self).__name__}(base_url={settings.base_url!r}, api_version={settings.api_version!r})"

    def _data_availability_body(self, verification_id: str, mobile: str) -> DataAvailabilityRequestSchema:
        transport.require(self.settings.general_pair, "general")
        user = DataAvailabilityRequestSchemaUserItem("MOBILE", validation.mobile(mobile))
        return DataAvailabilityRequestSchema(
            user=[user], verification_id=validation.verification_id(verification_id)
        )

    def _session_body(self, verification_id: str, mobile: str) -> InitiateOauthRequestSchema:
        transport.require(self.settings.app_pair, "1-Click app")
        user = InitiateOauthRequestSchemaUser("MOBILE", validation.mobile(mobile))
        return InitiateOauthRequestSchema(
            user=user, verification_id=validation.verification_id(verification_id)
        )

    def _token_body(self, auth_code: str) -> GenerateTokenRequestSchema:
        transport.require(self.settings.app_pair, "1-Click app")
        return GenerateTokenRequestSchema(auth_code=validation.non_empty("auth_code", auth_code))


class OneClickClient(_Base):
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        httpx_transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        **options: Any,
    ) -> None:
        super().__init__(settings, **options)
        self._sleep = sleep
        self._http = bounded.BoundedClient(
            transport=httpx_transport,
            event_hooks=transport.sync_hooks(),
            **self._bounds(),
        )
        self._generated.set_httpx_client(self._http)

    def __enter__(self) -> OneClickClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _call(self, call: Call[T], send: Callable[[], Response[Any]]) -> T:
        state = self._state(call)
        started = state.start()
        try:
            for attempt in sync_retrying(self.settings.retry, self._sleep, _before_sleep):
                with attempt:
                    number = state.begin(attempt.retry_state.attempt_number)
                    try:
                        response = send()
                    except FAILURES as error:
                        raise state.failed(error, number) from error
                    result = state.answered(response, number)
        finally:
            DEADLINE.reset(started)
        return result

    def data_availability(self, verification_id: str, mobile: str) -> DataAvailabilityResponseSchema:
        body = self._data_availability_body(verification_id, mobile)
        version = self.settings.api_version
        call = Call("VrsUserVaultDataAvailability", DataAvailabilityResponseSchema)
        return self._call(
            call,
            lambda: data_availability_api.sync_detailed(
                client=self._generated, body=body, x_api_version=version
            ),
        )

    def initiate_session(self, verification_id: str, mobile: str) -> InitiateOauthResponseSchema:
        body = self._session_body(verification_id, mobile)
        version = self.settings.api_version
        call = Call("VrsUserVaultOauthInitiation", InitiateOauthResponseSchema, idempotent=False)
        return self._call(
            call, lambda: session_api.sync_detailed(client=self._generated, body=body, x_api_version=version)
        )

    def generate_token(self, auth_code: str) -> GenerateTokenResponseSchema:
        body = self._token_body(auth_code)
        version = self.settings.api_version
        call = Call("VrsUserVaultOauthGenerateToken", GenerateTokenResponseSchema)
        return self._call(
            call,
            lambda: generate_token_api.sync_detailed(
                client=self._generated, body=body, x_api_version=version
            ),
        )

    def fetch_user_details(self, access_token: str) -> FetchDetailsResponseSchema:
        validation.non_empty("access_token", access_token)
        version = self.settings.api_version
        call = Call("VrsUserVaultFetchDetailsFromAccessToken", FetchDetailsResponseSchema)
        token = transport.ACCESS_TOKEN.set(access_token)
        try:
            return self._call(
                call, lambda: user_details_api.sync_detailed(client=self._generated, x_api_version=version)
            )
        finally:
            transport.ACCESS_TOKEN.reset(token)


class AsyncOneClickClient(_Base):
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        httpx_transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        **options: Any,
    ) -> None:
        super().__init__(settings, **options)
        self._sleep = sleep
        self._http = bounded.AsyncBoundedClient(
            transport=httpx_transport,
            event_hooks=transport.async_hooks(),
            **self._bounds(),
        )
        self._generated.set_async_httpx_client(self._http)

    async def __aenter__(self) -> AsyncOneClickClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(self, call: Call[T], send: Callable[[], Awaitable[Response[Any]]]) -> T:
        state = self._state(call)
        started = state.start()
        number = 0
        try:
            # The whole call under one timer too: an await cannot outlive the deadline.
            async with asyncio.timeout(state.deadline):
                async for attempt in async_retrying(self.settings.retry, self._sleep, _before_sleep):
                    with attempt:
                        number = state.begin(attempt.retry_state.attempt_number)
                        try:
                            response = await send()
                        except FAILURES as error:
                            raise state.failed(error, number) from error
                        result = state.answered(response, number)
        except TimeoutError as error:
            raise deadline_passed(call, max(number, 1), state.deadline) from error
        finally:
            DEADLINE.reset(started)
        return result

    async def data_availability(self, verification_id: str, mobile: str) -> DataAvailabilityResponseSchema:
        body = self._data_availability_body(verification_id, mobile)
        version = self.settings.api_version
        call = Call("VrsUserVaultDataAvailability", DataAvailabilityResponseSchema)
        return await self._call(
            call,
            lambda: data_availability_api.asyncio_detailed(
                client=self._generated, body=body, x_api_version=version
            ),
        )

    async def initiate_session(self, verification_id: str, mobile: str) -> InitiateOauthResponseSchema:
        body = self._session_body(verification_id, mobile)
        version = self.settings.api_version
        call = Call("VrsUserVaultOauthInitiation", InitiateOauthResponseSchema, idempotent=False)
        return await self._call(
            call,
            lambda: session_api.asyncio_detailed(client=self._generated, body=body, x_api_version=version),
        )

    async def generate_token(self, auth_code: str) -> GenerateTokenResponseSchema:
        body = self._token_body(auth_code)
        version = self.settings.api_version
        call = Call("VrsUserVaultOauthGenerateToken", GenerateTokenResponseSchema)
        return await self._call(
            call,
            lambda: generate_token_api.asyncio_detailed(
                client=self._generated, body=body, x_api_version=version
            ),
        )

    async def fetch_user_details(self, access_token: str) -> FetchDetailsResponseSchema:
        validation.non_empty("access_token", access_token)
        version = self.settings.api_version
        call = Call("VrsUserVaultFetchDetailsFromAccessToken", FetchDetailsResponseSchema)
        token = transport.ACCESS_TOKEN.set(access_token)
        try:
            return await self._call(
                call, lambda: user_details_api.asyncio_detailed(client=self._generated, x_api_version=version)
            )
        finally:
            transport.ACCESS_TOKEN.reset(token)
