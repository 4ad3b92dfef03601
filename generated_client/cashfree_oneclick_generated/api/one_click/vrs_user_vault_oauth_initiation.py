from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response_schema import ErrorResponseSchema
from ...models.initiate_oauth_request_schema import InitiateOauthRequestSchema
from ...models.initiate_oauth_response_schema import InitiateOauthResponseSchema
from ...types import Response


def _get_kwargs(
    *,
    body: InitiateOauthRequestSchema,
    x_api_version: str = "2024-12-01",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth2/session",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponseSchema | InitiateOauthResponseSchema | None:
    if response.status_code == 200:
        response_200 = InitiateOauthResponseSchema.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponseSchema.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponseSchema.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = ErrorResponseSchema.from_dict(response.json())

        return response_409

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
) -> Response[ErrorResponseSchema | InitiateOauthResponseSchema]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InitiateOauthRequestSchema,
    x_api_version: str = "2024-12-01",
) -> Response[ErrorResponseSchema | InitiateOauthResponseSchema]:
    """Initiate OAuth

     Use this API to initiate the OAuth process by passing the necessary credentials to obtain the
    session details, which will be used to initiate the SDK.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        body (InitiateOauthRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponseSchema | InitiateOauthResponseSchema]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_version=x_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: InitiateOauthRequestSchema,
    x_api_version: str = "2024-12-01",
) -> ErrorResponseSchema | InitiateOauthResponseSchema | None:
    """Initiate OAuth

     Use this API to initiate the OAuth process by passing the necessary credentials to obtain the
    session details, which will be used to initiate the SDK.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        body (InitiateOauthRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponseSchema | InitiateOauthResponseSchema
    """

    return sync_detailed(
        client=client,
        body=body,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InitiateOauthRequestSchema,
    x_api_version: str = "2024-12-01",
) -> Response[ErrorResponseSchema | InitiateOauthResponseSchema]:
    """Initiate OAuth

     Use this API to initiate the OAuth process by passing the necessary credentials to obtain the
    session details, which will be used to initiate the SDK.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        body (InitiateOauthRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponseSchema | InitiateOauthResponseSchema]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InitiateOauthRequestSchema,
    x_api_version: str = "2024-12-01",
) -> ErrorResponseSchema | InitiateOauthResponseSchema | None:
    """Initiate OAuth

     Use this API to initiate the OAuth process by passing the necessary credentials to obtain the
    session details, which will be used to initiate the SDK.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        body (InitiateOauthRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponseSchema | InitiateOauthResponseSchema
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_api_version=x_api_version,
        )
    ).parsed
