"""The built wheels (the kit and the generated client, ``make dist``), installed into a clean virtual
environment with pytest and mypy only, run an integrator's test file that lives outside the repository
(tests/kit/integrator/test_integrator.py, copied out), and ``mypy --strict`` finds it clean: the
wheels ship ``py.typed``, so the typed client is checked, not skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest

from cashfree_oneclick import __version__
from cashfree_oneclick.fake.process import free_port, serve_command

ROOT = Path(__file__).resolve().parents[2]
UV = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
INTEGRATOR_TESTS = Path(__file__).with_name("integrator") / "test_integrator.py"
PYTEST = "pytest==9.2.0"
MYPY = "mypy==2.4.1"

pytestmark = [pytest.mark.xdist_group("wheel"), pytest.mark.heavy(seconds=13)]


def _run(*command: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheels of ``make dist``, by distribution name."""
    out = tmp_path_factory.mktemp("dist")
    _run(UV, "build", "--all-packages", "--wheel", "--out-dir", str(out), cwd=ROOT)
    return {path.name.split("-")[0]: path for path in out.glob("*.whl")}


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _outside_environment() -> dict[str, str]:
    """This environment without what would tie a run to the repository's venv or its settings."""
    tied = ("PYTHON", "PYTEST", "VIRTUAL_ENV", "UV_", "CASHFREE")
    return {k: v for k, v in os.environ.items() if not k.startswith(tied)}


def test_each_wheel_ships_one_package_with_py_typed(wheels: dict[str, Path]) -> None:
    assert sorted(wheels) == ["cashfree_oneclick_generated", "cashfree_oneclick_kit"]
    kit, generated = _names(wheels["cashfree_oneclick_kit"]), _names(wheels["cashfree_oneclick_generated"])
    assert {name.split("/")[0] for name in kit} == {
        "cashfree_oneclick",
        f"cashfree_oneclick_kit-{__version__}.dist-info",
    }
    assert {name.split("/")[0] for name in generated} == {
        "cashfree_oneclick_generated",
        f"cashfree_oneclick_generated-{__version__}.dist-info",
    }
    assert "cashfree_oneclick/py.typed" in kit
    assert "cashfree_oneclick_generated/py.typed" in generated
    assert "cashfree_oneclick/fake/contract-fake.json" in kit
    assert "cashfree_oneclick/fake/store_redis.lua" in kit
    with zipfile.ZipFile(wheels["cashfree_oneclick_kit"]) as archive:
        entry_points = archive.read(next(n for n in kit if n.endswith("entry_points.txt"))).decode()
        metadata = archive.read(next(n for n in kit if n.endswith("METADATA"))).decode()
    assert "[pytest11]\ncashfree_oneclick = cashfree_oneclick.fake.pytest_plugin" in entry_points
    assert "Requires-Dist: cashfree-oneclick-generated" in metadata


def test_the_wheel_files_are_the_repository_files(wheels: dict[str, Path]) -> None:
    """Nothing is rewritten at build time: every module of the wheel is the checkout's file, byte for byte."""
    with zipfile.ZipFile(wheels["cashfree_oneclick_kit"]) as archive:
        for name in archive.namelist():
            if name.startswith("cashfree_oneclick/"):
                assert archive.read(name) == (ROOT / name).read_bytes(), name


def test_clean_venv_runs_an_outside_test_file(wheels: dict[str, Path], tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    kit, generated = wheels["cashfree_oneclick_kit"], wheels["cashfree_oneclick_generated"]
    _run(UV, "venv", "--quiet", "--python", sys.executable, str(venv), cwd=tmp_path)
    _run(
        UV, "pip", "install", "--quiet", "--python", str(python),
        f"{kit}[fake]", str(generated), PYTEST, MYPY, cwd=tmp_path,
    )  # fmt: skip
    app = tmp_path / "someone-elses-app"
    app.mkdir()
    shutil.copy(INTEGRATOR_TESTS, app / "test_integrator.py")
    env = _outside_environment()
    output = _run(
        str(python), "-m", "pytest", "-q", "-W", "error", "-p", "no:cacheprovider", cwd=app, env=env
    )
    assert "8 passed" in output
    typed = _run(
        str(python), "-m", "mypy", "--strict", "--no-incremental", "test_integrator.py", cwd=app, env=env
    )
    assert "Success: no issues found in 1 source file" in typed
    _serves_the_admin_api(python, app, env)
    site = Path(
        _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=app).strip()
    )
    installed = {p.name for p in site.iterdir()}
    assert {"cashfree_oneclick", "cashfree_oneclick_generated"} <= installed
    assert not installed & {"generated_client", "contract_tests", "scripts", "tests"}


def test_without_the_fake_extra_pytest_starts_and_a_fake_fixture_names_the_extra(
    wheels: dict[str, Path], tmp_path: Path
) -> None:
    """The plugin is loaded by every pytest run where the kit is installed: with the client only (no
    `fake` extra), a test of the client still runs, and one that asks for the fake fails naming the
    extra instead of pytest failing to start."""
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    _run(UV, "venv", "--quiet", "--python", sys.executable, str(venv), cwd=tmp_path)
    kit, generated = wheels["cashfree_oneclick_kit"], wheels["cashfree_oneclick_generated"]
    _run(
        UV,
        "pip",
        "install",
        "--quiet",
        "--python",
        str(python),
        str(kit),
        str(generated),
        PYTEST,
        cwd=tmp_path,
    )
    app = tmp_path / "client-only-app"
    app.mkdir()
    (app / "test_client_only.py").write_text(
        "from cashfree_oneclick import OneClickClient, resolve\n\n\n"
        "def test_the_client_needs_no_fake() -> None:\n"
        "    settings = resolve(base_url='http://127.0.0.1:9/verification', environ={})\n"
        "    assert OneClickClient(settings).settings is settings\n\n\n"
        "def test_the_fake_fixture_names_the_extra(oneclick_fake: object) -> None:\n"
        "    raise AssertionError('unreachable: the fixture fails first')\n",
        encoding="utf-8",
    )
    env = _outside_environment()
    done = subprocess.run(  # noqa: S603 - the venv's own pytest, fixed arguments
        [str(python), "-m", "pytest", "-q", "-W", "error", "-p", "no:cacheprovider", "-rf"],
        cwd=app, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 passed, 1 error" in done.stdout, done.stdout  # the fixture's failure: an error at setup
    assert "pip install 'cashfree-oneclick-kit[fake]'" in done.stdout, done.stdout


def _serves_the_admin_api(python: Path, cwd: Path, env: dict[str, str]) -> None:
    """``python -m cashfree_oneclick.fake`` from the wheel: the fake for apps in other languages."""
    port = free_port()
    command = [str(python), "-m", "cashfree_oneclick.fake", "--host", "127.0.0.1", "--port", str(port)]
    with serve_command(command, port, env, cwd=cwd):  # the process tests' one way to start a server
        base = f"http://127.0.0.1:{port}/verification"
        info = httpx.get(f"{base}/__fake__/info", timeout=5)
        assert info.json()["name"] == "cashfree-oneclick-fake"
        moved = httpx.post(f"{base}/__fake__/clock/advance", json={"seconds": 60}, timeout=5)
        assert moved.json()["offset"] == 60
