"""Benchmark: the fake under load on loopback, beside a static-response app measured in the same run.

Starts the fake (``python -m cashfree_oneclick.fake``, uvicorn + uvloop + httptools, access log off) and a
static ASGI app on the same server stack, then drives each with wrk (Debian's package; installed by
``make bench`` when missing) for a bounded time with a fixed number of connections:

- user details: GET with a real access token obtained through the flow (validation, token check, state);
- session: POST with a unique verification_id per request (wrk Lua counter), so each is a 200;
- static: a constant JSON body, the ceiling of the server stack on this machine.

Then user details again with the state in Redis (a throwaway redis-server on a free port): one worker,
then two workers on one port, beside the in-memory figure of the same run, with the scaling ratio of
two workers over one.

Then tenants (one fake on Redis with an admin token): user details with the token of one tenant,
then with the tokens of 50 tenants in turn (a wrk Lua script), goal: the 50-tenant figure within 10 %
of the 1-tenant one.

Prints requests/s and p50/p99 latency for each. Target: >= 8,000 requests/s on user details with p99
under 10 ms (in memory). Traffic goes to 127.0.0.1 only. ``--memory-only`` measures in-memory user
details alone (to compare two checkouts back to back).

    python -m benchmarks.fake_load [--seconds 12] [--connections 50] [--memory-only]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from cashfree_oneclick.fake.process import free_port, run_fake, serve_command
from cashfree_oneclick.fake.redis_server import run_redis
from cashfree_oneclick.version import API_VERSION

API = {"x-api-version": API_VERSION}
APP_PAIR = {"x-client-id": "test_app_client_id", "x-client-secret": "test_app_client_secret"}
SESSION_LUA = r"""
counter = 0
request = function()
  counter = counter + 1
  local body = '{"verification_id":"bench-' .. counter .. '-' .. math.random(1, 1000000000) ..
    '","user":{"identifier_type":"MOBILE","identifier_value":"9999900000"}}'
  return wrk.format("POST", "/verification/oauth2/session", nil, body)
end
"""
STATIC_APP = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = b'{"status":"ok"}'
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"15")]})
    await send({"type": "http.response.body", "body": body})
"""


TENANTS = 50
ADMIN_TOKEN = "bench-admin-token-not-a-secret"  # noqa: S105 - a fixed value for a loopback benchmark
TOKENS_LUA = r"""
tokens = {%s}
counter = 0
request = function()
  counter = counter + 1
  local token = tokens[(counter %% #tokens) + 1]
  -- wrk.format's headers replace wrk.headers (the -H ones): the API version goes here too.
  local headers = {["Authorization"] = "Bearer " .. token, ["x-api-version"] = "2024-12-01"}
  return wrk.format("GET", "/verification/oauth2/user-details", headers)
end
"""


def post(url: str, body: dict[str, object] | None, headers: dict[str, str]) -> dict[str, object]:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"loopback only, got {url}")
    data = json.dumps(body).encode() if body is not None else None
    kind = {"content-type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data, {**kind, **headers}, method="POST")  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback URL built above
        result: dict[str, object] = json.loads(response.read())
        return result


def access_token(base: str, ready_seconds: float = 90.0, admin: dict[str, str] | None = None) -> str:
    """A token through the flow, retried while the workers are still starting (the port is open first)."""
    deadline = time.monotonic() + ready_seconds
    while True:
        try:
            return _access_token(base, APP_PAIR, admin)
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _access_token(base: str, pair: dict[str, str] = APP_PAIR, admin: dict[str, str] | None = None) -> str:
    api = f"{base}/verification"
    session = post(
        f"{api}/oauth2/session",
        {
            "verification_id": f"bench-flow-{time.monotonic_ns()}",
            "user": {"identifier_type": "MOBILE", "identifier_value": "9999900000"},
        },
        {**pair, **API},
    )
    consent = post(
        f"{api}/__fake__/sessions/{session['session_id']}/consent", {"decision": "GRANTED"}, admin or {}
    )
    token = post(f"{api}/oauth2/generate-token", {"auth_code": consent["auth_code"]}, {**pair, **API})
    return str(token["access_token"])


def tenant_tokens(base: str, count: int) -> list[str]:
    """``count`` tenants made through the admin API, and an access token of each (its own flow)."""
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    access_token(base, admin=admin)  # the workers are up (the default tenant's flow, admin token set)
    tokens = []
    for _ in range(count):
        tenant = post(f"{base}/verification/__fake__/tenants", None, admin)
        app = tenant["app"]
        assert isinstance(app, dict)
        pair = {"x-client-id": str(app["client_id"]), "x-client-secret": str(app["client_secret"])}
        tokens.append(_access_token(base, pair, {"Authorization": f"Bearer {tenant['key']}"}))
    return tokens


def wrk(
    url: str, seconds: int, connections: int, headers: dict[str, str], script: str | None = None
) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
    if script:
        command += ["-s", lua.name]
    output = subprocess.run(  # noqa: S603 - wrk with arguments built here
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    os.unlink(lua.name)
    return parse_wrk(output)


def parse_wrk(output: str) -> dict[str, float]:
    def millis(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if match is None:
            raise ValueError(f"no {label}% latency in wrk output:\n{output}")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: .*timeout (\d+)", output)
    if rps is None:
        raise ValueError(f"no Requests/sec in wrk output:\n{output}")
    return {
        "rps": float(rps[1]),
        "p50_ms": millis("50"),
        "p99_ms": millis("99"),
        "non_2xx": float(non_2xx[1]) if non_2xx else 0.0,
        "timeouts": float(errors[1]) if errors else 0.0,
    }


def measure_tenants(redis_url: str, seconds: int, connections: int) -> dict[str, dict[str, float]]:
    """User details on one Redis-backed fake: one tenant's token, then 50 tenants' tokens in turn."""
    quiet = ("--no-access-log", "--log-level", "warning")
    results: dict[str, dict[str, float]] = {}
    env = {**os.environ, "CASHFREE_FAKE_ADMIN_TOKEN": ADMIN_TOKEN}
    with run_fake(*quiet, "--state", redis_url, env=env, startup_seconds=90) as (api_url, _):
        base = api_url.removesuffix("/verification")
        tokens = tenant_tokens(base, TENANTS)
        for name, chosen in (("1 tenant", tokens[:1]), (f"{TENANTS} tenants", tokens)):
            script = TOKENS_LUA % ", ".join(f'"{token}"' for token in chosen)
            results[f"user-details (redis, {name})"] = wrk(base, seconds, connections, API, script)
    return results


def print_tenants(results: dict[str, dict[str, float]]) -> None:
    one = results["user-details (redis, 1 tenant)"]["rps"]
    many = results[f"user-details (redis, {TENANTS} tenants)"]["rps"]
    ratio = many / one
    failed = sum(results[name]["non_2xx"] for name in results if "tenant" in name)
    verdict = "met" if ratio >= 0.9 else "NOT met"
    if failed:
        verdict = f"not measured: {failed:.0f} answers were not 2xx"
    print(
        f"tenants on redis: 1 tenant {one:.0f} req/s | {TENANTS} tenants {many:.0f} req/s | "
        f"{TENANTS}/1 = {ratio:.2f} (goal >= 0.90: {verdict})"
    )


def print_state_stores(results: dict[str, dict[str, float]]) -> None:
    """User details by state store, side by side, with the scaling of two Redis workers over one."""
    rows = {
        "in-memory x1": results["user-details (fake)"],
        "redis x1": results["user-details (redis x1)"],
        "redis x2": results["user-details (redis x2)"],
    }
    print("user-details by state store: " + " | ".join(
        f"{name} {row['rps']:.0f} req/s p99 {row['p99_ms']:.2f} ms" for name, row in rows.items()
    ))  # fmt: skip
    one, two = rows["redis x1"]["rps"], rows["redis x2"]["rps"]
    cores = os.cpu_count()
    print(f"scaling redis x2 / redis x1: {two / one:.2f}x ({cores} cores for wrk, Redis and workers)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark of the fake on loopback")
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--memory-only", action="store_true", help="in-memory user details only")
    args = parser.parse_args(argv)
    if not 10 <= args.seconds <= 15:
        parser.error("--seconds must be within 10..15 (the benchmark is bounded)")
    if shutil.which("wrk") is None:
        print("fake_load: wrk is not installed (make bench installs Debian's wrk)", file=sys.stderr)
        return 2
    python = sys.executable
    results: dict[str, dict[str, float]] = {}
    with run_fake("--no-access-log", "--log-level", "warning") as (api_url, _):
        base = api_url.removesuffix("/verification")
        token = access_token(base)
        results["user-details (fake)"] = wrk(
            f"{base}/verification/oauth2/user-details",
            args.seconds,
            args.connections,
            {"Authorization": f"Bearer {token}", **API},
        )
        if args.memory_only:
            row = results["user-details (fake)"]
            latency = f"p50 {row['p50_ms']:.2f} ms p99 {row['p99_ms']:.2f} ms"
            print(f"user-details (in memory): {row['rps']:.0f} req/s {latency}")
            return 0
        results["session (fake)"] = wrk(
            base,
            args.seconds,
            args.connections,
            {**APP_PAIR, **API, "content-type": "application/json"},
            SESSION_LUA,
        )
    details_url = "/verification/oauth2/user-details"
    with tempfile.TemporaryDirectory() as directory, run_redis(Path(directory)) as redis_server:
        for workers in (1, 2):
            quiet = ("--no-access-log", "--log-level", "warning")
            state = ("--state", redis_server.url, "--workers", str(workers))
            with run_fake(*quiet, *state, startup_seconds=90) as (api_url, _):
                base = api_url.removesuffix("/verification")
                token = access_token(base)
                results[f"user-details (redis x{workers})"] = wrk(
                    f"{base}{details_url}",
                    args.seconds,
                    args.connections,
                    {"Authorization": f"Bearer {token}", **API},
                )
        results.update(measure_tenants(redis_server.url, args.seconds, args.connections))
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "static_app.py").write_text(STATIC_APP, encoding="utf-8")
        port = free_port()
        static = [python, "-m", "uvicorn", "static_app:app", "--host", "127.0.0.1", "--port", str(port),
                  "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning",
                  "--app-dir", directory]  # fmt: skip
        with serve_command(static, port):
            results["static app (ceiling)"] = wrk(
                f"http://127.0.0.1:{port}/", args.seconds, args.connections, {}
            )
    print(
        f"wrk, 1 thread, {args.connections} connections, {args.seconds} s each, "
        f"loopback, {os.cpu_count()} cores"
    )
    print(f"{'target':<34}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>10}{'timeouts':>10}")
    for name, row in results.items():
        print(
            f"{name:<34}{row['rps']:>12.0f}{row['p50_ms']:>10.2f}{row['p99_ms']:>10.2f}{row['non_2xx']:>10.0f}{row['timeouts']:>10.0f}"
        )
    details = results["user-details (fake)"]
    ok = details["rps"] >= 8000 and details["p99_ms"] < 10
    print(f"user-details target (>= 8000 req/s, p99 < 10 ms): {'met' if ok else 'NOT met'}")
    print_state_stores(results)
    print_tenants(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
