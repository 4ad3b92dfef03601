from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response_schema import ErrorResponseSchema
from ...models.fetch_details_response_schema import FetchDetailsResponseSchema
from ...types import Response


def _get_kwargs(
    *,
    x_api_version: str = "2024-12-01",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/oauth2/user-details",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponseSchema | FetchDetailsResponseSchema | None:
    if response.status_code == 200:
        response_200 = FetchDetailsResponseSchema.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponseSchema.from_dict(response.json())

        return response_400

    if response.status_code == 422:
        response_422 = ErrorResponseSchema.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponseSchema.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponseSchema.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponseSchema | FetchDetailsResponseSchema]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    x_api_version: str = "2024-12-01",
) -> Response[ErrorResponseSchema | FetchDetailsResponseSchema]:
    """Fetch User Details From Access Token

     Use this API to retrieve user details by passing a valid access token fetched from the [OAuth Access
    Token Generation API](https://www.cashfree.com/docs/api-reference/vrs/v2/1-click-onboarding/oauth-
    access-token-generation#oauth-access-token-generation).

    This endpoint fetches the information associated with the authenticated user.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponseSchema | FetchDetailsResponseSchema]
    """

    kwargs = _get_kwargs(
        x_api_version=x_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    x_api_version: str = "2024-12-01",
) -> ErrorResponseSchema | FetchDetailsResponseSchema | None:
    """Fetch User Details From Access Token

     Use this API to retrieve user details by passing a valid access token fetched from the [OAuth Access
    Token Generation API](https://www.cashfree.com/docs/api-reference/vrs/v2/1-click-onboarding/oauth-
    access-token-generation#oauth-access-token-generation).

    This endpoint fetches the information associated with the authenticated user.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponseSchema | FetchDetailsResponseSchema
    """

    return sync_detailed(
        client=client,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    x_api_version: str = "2024-12-01",
) -> Response[ErrorResponseSchema | FetchDetailsResponseSchema]:
    """Fetch User Details From Access Token

     Use this API to retrieve user details by passing a valid access token fetched from the [OAuth Access
    Token Generation API](https://www.cashfree.com/docs/api-reference/vrs/v2/1-click-onboarding/oauth-
    access-token-generation#oauth-access-token-generation).

    This endpoint fetches the information associated with the authenticated user.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponseSchema | FetchDetailsResponseSchema]
    """

    kwargs = _get_kwargs(
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    x_api_version: str = "2024-12-01",
) -> ErrorResponseSchema | FetchDetailsResponseSchema | None:
    """Fetch User Details From Access Token

     Use this API to retrieve user details by passing a valid access token fetched from the [OAuth Access
    Token Generation API](https://www.cashfree.com/docs/api-reference/vrs/v2/1-click-onboarding/oauth-
    access-token-generation#oauth-access-token-generation).

    This endpoint fetches the information associated with the authenticated user.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponseSchema | FetchDetailsResponseSchema
    """

    return (
        await asyncio_detailed(
            client=client,
            x_api_version=x_api_version,
        )
    ).parsed
