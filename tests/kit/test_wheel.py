"""The built wheel, installed into a clean virtual environment with pytest only, runs an integrator's
test file that lives outside the repository (tests/kit/integrator/test_integrator.py, copied out)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from contract_tests.fake.process import free_port

ROOT = Path(__file__).resolve().parents[2]
UV = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
INTEGRATOR_TESTS = Path(__file__).with_name("integrator") / "test_integrator.py"
PYTEST = "pytest==9.2.0"

pytestmark = pytest.mark.xdist_group("wheel")


def _run(*command: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(UV, "build", "--wheel", "--out-dir", str(out), cwd=ROOT)
    (built,) = out.glob("*.whl")
    return built


def test_every_installed_name_starts_with_cashfree_oneclick(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"cashfree_oneclick", wheel.name.split("-")[0] + "-0.1.0.dist-info"}
    assert "cashfree_oneclick/fake/contract-fake.yaml" in names
    assert "cashfree_oneclick/generated_client/models/__init__.py" in names
    assert "[pytest11]\ncashfree_oneclick = cashfree_oneclick.fake.pytest_plugin" in entry_points


def test_clean_venv_runs_an_outside_test_file(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    _run(UV, "venv", "--quiet", "--python", sys.executable, str(venv), cwd=tmp_path)
    _run(UV, "pip", "install", "--quiet", "--python", str(python), f"{wheel}[fake]", PYTEST, cwd=tmp_path)
    app = tmp_path / "someone-elses-app"
    app.mkdir()
    shutil.copy(INTEGRATOR_TESTS, app / "test_integrator.py")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "UV_", "CASHFREE"))
    }
    output = _run(
        str(python), "-m", "pytest", "-q", "-W", "error", "-p", "no:cacheprovider", cwd=app, env=env
    )
    assert "8 passed" in output
    _serves_the_admin_api(python, app, env)
    site = Path(
        _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=app).strip()
    )
    installed = {p.name for p in site.iterdir()}
    assert "cashfree_oneclick" in installed
    assert not installed & {"generated_client", "contract_tests", "scripts", "tests"}


def _serves_the_admin_api(python: Path, cwd: Path, env: dict[str, str]) -> None:
    """``python -m cashfree_oneclick.fake`` from the wheel: the fake for apps in other languages."""
    port = free_port()
    command = [str(python), "-m", "cashfree_oneclick.fake", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{port}/verification"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                info = httpx.get(f"{base}/__fake__/info", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, "the installed fake exited"
                assert time.monotonic() < deadline, "the installed fake did not listen"
                time.sleep(0.1)
        assert info.json()["name"] == "cashfree-oneclick-fake"
        moved = httpx.post(f"{base}/__fake__/clock/advance", json={"seconds": 60}, timeout=5)
        assert moved.json()["offset"] == 60
    finally:
        server.terminate()
        server.wait(timeout=20)
