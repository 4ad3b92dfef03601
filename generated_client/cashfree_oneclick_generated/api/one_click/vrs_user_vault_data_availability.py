from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.data_availability_request_schema import DataAvailabilityRequestSchema
from ...models.data_availability_response_schema import DataAvailabilityResponseSchema
from ...models.error_response_schema import ErrorResponseSchema
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DataAvailabilityRequestSchema,
    x_api_version: str = "2024-12-01",
    x_cf_signature: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["x-api-version"] = x_api_version

    if not isinstance(x_cf_signature, Unset):
        headers["x-cf-signature"] = x_cf_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/user/data-availability",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DataAvailabilityResponseSchema | ErrorResponseSchema | None:
    if response.status_code == 200:
        response_200 = DataAvailabilityResponseSchema.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponseSchema.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponseSchema.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponseSchema.from_dict(response.json())

        return response_403

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

    if response.status_code == 502:
        response_502 = ErrorResponseSchema.from_dict(response.json())

        return response_502

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DataAvailabilityResponseSchema | ErrorResponseSchema]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DataAvailabilityRequestSchema,
    x_api_version: str = "2024-12-01",
    x_cf_signature: str | Unset = UNSET,
) -> Response[DataAvailabilityResponseSchema | ErrorResponseSchema]:
    """Data Availability

     Use this API to find which scopes Cashfree holds for a user's mobile number before initiating the
    1-Click OAuth session. The answer is valid for 1 hour.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        x_cf_signature (str | Unset):
        body (DataAvailabilityRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataAvailabilityResponseSchema | ErrorResponseSchema]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_version=x_api_version,
        x_cf_signature=x_cf_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: DataAvailabilityRequestSchema,
    x_api_version: str = "2024-12-01",
    x_cf_signature: str | Unset = UNSET,
) -> DataAvailabilityResponseSchema | ErrorResponseSchema | None:
    """Data Availability

     Use this API to find which scopes Cashfree holds for a user's mobile number before initiating the
    1-Click OAuth session. The answer is valid for 1 hour.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        x_cf_signature (str | Unset):
        body (DataAvailabilityRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataAvailabilityResponseSchema | ErrorResponseSchema
    """

    return sync_detailed(
        client=client,
        body=body,
        x_api_version=x_api_version,
        x_cf_signature=x_cf_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DataAvailabilityRequestSchema,
    x_api_version: str = "2024-12-01",
    x_cf_signature: str | Unset = UNSET,
) -> Response[DataAvailabilityResponseSchema | ErrorResponseSchema]:
    """Data Availability

     Use this API to find which scopes Cashfree holds for a user's mobile number before initiating the
    1-Click OAuth session. The answer is valid for 1 hour.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        x_cf_signature (str | Unset):
        body (DataAvailabilityRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataAvailabilityResponseSchema | ErrorResponseSchema]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_version=x_api_version,
        x_cf_signature=x_cf_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DataAvailabilityRequestSchema,
    x_api_version: str = "2024-12-01",
    x_cf_signature: str | Unset = UNSET,
) -> DataAvailabilityResponseSchema | ErrorResponseSchema | None:
    """Data Availability

     Use this API to find which scopes Cashfree holds for a user's mobile number before initiating the
    1-Click OAuth session. The answer is valid for 1 hour.

    Args:
        x_api_version (str):  Default: '2024-12-01'. Example: 2024-12-01.
        x_cf_signature (str | Unset):
        body (DataAvailabilityRequestSchema):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataAvailabilityResponseSchema | ErrorResponseSchema
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_api_version=x_api_version,
            x_cf_signature=x_cf_signature,
        )
    ).parsed
