"""The fake's Date is its clock: time travel moves it, and every expiry it sends is an hour after it."""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable
from email.utils import parsedate_tz

import httpx
import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from tests.serving import serve
from tests.support.fake_flow import FakeClock, LiveServer, in_process, over_http

pytestmark = pytest.mark.anyio


def _date(response: httpx.Response) -> float:
    parsed = parsedate_tz(response.headers["date"])
    assert parsed is not None
    return float(calendar.timegm(parsed[:9]))


def _expiry(response: httpx.Response) -> float:
    return float(calendar.timegm(time.strptime(response.json()["expiry"], "%Y-%m-%dT%H:%M:%SZ")))


async def test_the_date_follows_the_fakes_clock_and_its_travel(
    make_app: Callable[..., FakeCashfree], clock: FakeClock
) -> None:
    async with in_process(make_app()) as flow:
        before = await flow.session()
        assert _date(before) == int(clock())
        assert _expiry(before) - _date(before) == 3600
        moved = await flow.http.post("/__fake__/clock/advance", json={"seconds": 7200})
        assert moved.status_code == 200
        assert _date(moved) == int(clock())  # dated when it was asked, before the clock moved
        after = await flow.session()
        assert _date(after) == int(clock()) + 7200
        assert _expiry(after) - _date(after) == 3600
        refused = await flow.session(headers={"x-api-version": "2024-12-01"})  # no credentials
        assert refused.status_code == 400
        assert _date(refused) == int(clock()) + 7200


async def test_over_http_an_answer_carries_one_date_the_fakes() -> None:
    with serve(FakeConfig()) as served:
        async with over_http(LiveServer(served.base_url, served.app)) as flow:
            answer = await flow.session()
    dates = [value for name, value in answer.headers.multi_items() if name.lower() == "date"]
    assert len(dates) == 1  # uvicorn's own Date is switched off
    assert abs(_date(answer) - time.time()) < 5
