"""Property: any response body valid under the client bundle parses and serialises back unchanged.

Bodies come from the client bundle's own schemas (hypothesis-jsonschema), so a schema change that
the generated models cannot carry, a field dropped, renamed or re-typed on the way back, fails here.
"""

from __future__ import annotations

from typing import Any, Protocol

import pytest
from cashfree_oneclick_generated import models
from hypothesis import given, settings

from tests.strategies import RESPONSE_SCHEMAS, response_bodies

pytestmark = pytest.mark.heavy(seconds=6)

# Half the commit profile's examples: hypothesis-jsonschema builds each object's strategy anew on every
# draw, and the largest bodies (user details) cost 50 ms each; the nightly profile runs 1000 per schema.
EXAMPLES = 30 if settings.get_current_profile_name() == "pr" else settings().max_examples


class Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def model_class(schema_name: str) -> Any:
    return getattr(models, schema_name)


@pytest.mark.parametrize("schema_name", RESPONSE_SCHEMAS)
def test_response_bodies_round_trip(schema_name: str) -> None:
    cls = model_class(schema_name)

    @settings(max_examples=EXAMPLES)
    @given(body=response_bodies(schema_name))
    def round_trip(body: dict[str, Any]) -> None:
        parsed: Model = cls.from_dict(body)
        assert parsed.to_dict() == body

    round_trip()
