"""The ``oneclick_shared_tenant`` fixture: a test session takes a tenant of a shared fake (URL and
admin token) and deletes it at its end. Run as a real pytest session in a subprocess against a fake
served with an admin token: the session's flow, clock and journal are its tenant's, the default
tenant's claim of the same verification_id does not collide, and afterwards the tenant is gone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from cashfree_oneclick.fake import FakeConfig, create_app
from cashfree_oneclick.fake.lease import LeaseError, take_tenant
from cashfree_oneclick.fake.threaded import serve_in_thread
from cashfree_oneclick.version import API_VERSION

pytestmark = pytest.mark.heavy(seconds=4)
# The inner session loads the kit's plugin alone (PYTEST_DISABLE_PLUGIN_AUTOLOAD, then -p): it is all
# the fixture needs, and the other installed plugins (schemathesis, hypothesis, ...) cost a second of
# start-up each time.
PYTEST = [
    sys.executable,
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:cacheprovider",
    "-p",
    "cashfree_oneclick.fake.pytest_plugin",
]
ALONE = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
ADMIN_TOKEN = "test-shared-fixture-admin-token"  # noqa: S105 - a planted test value
INNER = """
import json, os
from pathlib import Path

def test_a_session_of_its_own(oneclick_shared_tenant, _oneclick_shared_lease):
    fake = oneclick_shared_tenant
    with fake.client() as cf:
        session = cf.initiate_session("vid-shared-1", "9999900000")
        token = cf.generate_token(fake.approve(str(session.session_id), scopes=["NAME"]))
        cf.fetch_user_details(str(token.access_token))
    assert fake.advance(7200) > 0
    operations = [record.operation for record in fake.journal]
    assert operations[0] == "VrsUserVaultOauthInitiation", operations
    lease = _oneclick_shared_lease
    Path(os.environ["LEASE_OUT"]).write_text(json.dumps({"tenant": lease.tenant, "key": lease.key}))
"""


def test_a_session_takes_a_tenant_and_gives_it_back(tmp_path: Path) -> None:
    app = create_app(FakeConfig(admin_token=ADMIN_TOKEN))
    with serve_in_thread(app) as served:
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        default_pair = {"x-client-id": "test_app_client_id", "x-client-secret": "test_app_client_secret"}
        with httpx.Client(base_url=served.base_url, timeout=30) as http:
            body = {
                "verification_id": "vid-shared-1",
                "user": {"identifier_type": "MOBILE", "identifier_value": "9999900000"},
            }
            headers = {**default_pair, "x-api-version": API_VERSION}
            assert http.post("/oauth2/session", json=body, headers=headers).status_code == 200
            (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
            out = tmp_path / "lease.json"
            options = ["--oneclick-shared-url", served.base_url, "--oneclick-shared-admin-token", ADMIN_TOKEN]
            run = subprocess.run(  # noqa: S603 - this interpreter's pytest on a file written here
                [*PYTEST, str(tmp_path / "test_inner.py"), *options],
                cwd=tmp_path,
                env={**os.environ, **ALONE, "LEASE_OUT": str(out)},
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert run.returncode == 0, run.stdout + run.stderr
            lease = json.loads(out.read_text())
            assert http.get("/__fake__/clock", headers=admin).json()["offset"] == 0, "the default's clock"
            gone = http.delete(f"/__fake__/tenants/{lease['tenant']}", headers=admin)
            assert gone.json() == {"deleted": lease["tenant"], "existed": False}, (
                "deleted at the session's end"
            )
            refused = http.get("/__fake__/clock", headers={"Authorization": f"Bearer {lease['key']}"})
            assert refused.status_code == 401
            with pytest.raises(LeaseError, match="401 admin_token_invalid"):
                take_tenant(served.base_url, "not-the-admin-token")
        served.call(app.aclose())


def test_no_shared_fake_skips(tmp_path: Path) -> None:
    (tmp_path / "test_inner.py").write_text("def test_x(oneclick_shared_tenant):\n    pass\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASHFREE_FAKE_SHARED")} | ALONE
    run = subprocess.run(  # noqa: S603 - this interpreter's pytest on a file written here
        [*PYTEST, "-rs", str(tmp_path / "test_inner.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no shared fake" in run.stdout


def test_only_https_or_loopback() -> None:
    with pytest.raises(LeaseError, match="over https"):
        take_tenant("http://fake.example.test/verification", ADMIN_TOKEN)
