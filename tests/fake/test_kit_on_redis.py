"""The served kit's controls go through the admin API, so they run on the server's own event loop and
work on a Redis store too (its connections belong to that loop): time travel, reset and consent across
a real redis-server."""

from __future__ import annotations

import pytest

from cashfree_oneclick import InvalidRequestError
from cashfree_oneclick.fake import FakeConfig, create_app
from cashfree_oneclick.fake.kit import OneClickFake
from cashfree_oneclick.fake.redis_server import RedisServer
from cashfree_oneclick.fake.threaded import serve_in_thread

MOBILE = "9999900000"


def test_controls_on_a_redis_backed_server(redis_server: RedisServer) -> None:
    app = create_app(FakeConfig(state=redis_server.url))
    with serve_in_thread(app) as served:
        fake = OneClickFake.over_http(served.base_url)
        with fake.client() as cf:
            session = cf.initiate_session("vid-redis", MOBILE)
            token = cf.generate_token(fake.approve(str(session.session_id), scopes=["NAME"]))
            cf.fetch_user_details(str(token.access_token))
            before = fake.now()
            assert fake.advance(3600) >= before + 3600
            with pytest.raises(InvalidRequestError):
                cf.fetch_user_details(str(token.access_token))
            fake.reset()
            assert fake.now() < before + 3600  # the offset in Redis is gone
            cf.initiate_session("vid-redis", MOBILE)  # the claim in Redis is gone too
        fake.close()
        served.call(app.aclose())
