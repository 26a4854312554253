"""What gets installed: every package folder, the bundled scenarios, the principles catalogue and
the other data files. The project source is copied to tmp_path first, so building never leaves
`build/` or `*.egg-info` behind in the working tree."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def package_folders() -> set[str]:
    found = set()
    for path in (ROOT / "game").rglob("*.py"):
        if "__pycache__" not in path.parts:
            found.add(".".join(path.parent.relative_to(ROOT).parts))
    return found


def test_every_folder_with_python_files_is_a_listed_package() -> None:
    listed = set(SETUPTOOLS["packages"])
    missing = package_folders() - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_every_listed_package_exists_with_an_init() -> None:
    mapped = {name: ROOT / folder for name, folder in SETUPTOOLS.get("package-dir", {}).items()}
    for name in SETUPTOOLS["packages"]:
        folder = mapped.get(name, ROOT.joinpath(*name.split(".")))
        assert (folder / "__init__.py").is_file(), f"{name}: {folder}/__init__.py"


def data_files() -> set[str]:
    """Every non-Python file the installed game needs, as it will sit in the wheel."""
    mapped = {folder: name for name, folder in SETUPTOOLS.get("package-dir", {}).items()}
    found = set()
    for top in ("game", *mapped):
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                inside = path.relative_to(ROOT / top).as_posix()
                package = mapped.get(top, "game").replace(".", "/")
                found.add(f"{package}/{inside}" if top in mapped else f"game/{inside}")
    return found


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in ("game", *SETUPTOOLS.get("package-dir", {}).values()):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    return target


def check_contents(names: set[str]) -> None:
    bundled = {p.name for p in (ROOT / "scenarios").glob("*.yaml")}
    assert {f"game/bundled_scenarios/{name}" for name in bundled} <= names
    assert "game/principles/catalogue.yaml" in names
    assert "game/py.typed" in names, "type checkers read the package's annotations (PEP 561)"
    assert "game/__init__.py" in names and "game/bundled_scenarios/__init__.py" in names
    missing = data_files() - names
    assert not missing, f"data files left out of the build (add them to package-data): {sorted(missing)}"


def test_build_copies_scenarios_catalogue_and_data_files(source_copy: Path, tmp_path: Path) -> None:
    """setuptools' build_py is what a wheel is made of; it runs offline with any setuptools."""
    out = tmp_path / "lib"
    script = "import sys\nfrom setuptools import setup\nsys.argv = ['setup.py', '-q', 'build_py', '--build-lib', sys.argv[1]]\nsetup()\n"
    result = subprocess.run([sys.executable, "-c", script, str(out)], cwd=source_copy, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    check_contents({p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()})


def wheel_support() -> str | None:
    """Why a wheel cannot be built offline here, or None."""
    import setuptools

    major_minor = tuple(int(part) for part in setuptools.__version__.split(".")[:2])
    if importlib.util.find_spec("wheel") is None and major_minor < (70, 1):
        return (
            f"building a wheel needs the 'wheel' package or setuptools >= 70.1 (this environment has setuptools "
            f"{setuptools.__version__} and no 'wheel'); installing them needs a package index"
        )
    return None


@pytest.mark.slow
def test_wheel_contains_scenarios_and_catalogue(source_copy: Path, tmp_path: Path) -> None:
    reason = wheel_support()
    if reason:
        pytest.skip(reason)
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        str(tmp_path),
        str(source_copy),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 and any(
        word in result.stdout + result.stderr for word in ("No matching distribution", "Could not find a version")
    ):
        pytest.skip("building the wheel needs packages from the network")
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = tmp_path.glob("good_offices-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert any(name.endswith(".dist-info/entry_points.txt") for name in names)
    check_contents(names)


# -- the source distribution (issue 10, item 15) ---------------------------------------------------------

SDIST_SUBSET = ["tests/test_invalid_fixtures.py", "tests/test_terminal.py", "tests/test_loader.py", "tests/test_resources.py"]
"""Tests run from the unpacked sdist against the package installed from it: the scenario reader
with every bad-file fixture, terminal play, the loader, and the assets found once installed."""


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist as setuptools builds it from the files git tracks or would (offline, no isolation)."""
    source = tmp_path_factory.mktemp("tracked")
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, timeout=60
    )
    if tracked.returncode != 0:
        pytest.skip("needs a git checkout to know the tracked files")
    for name in tracked.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    script = "import sys\nfrom setuptools import setup\nsys.argv = ['setup.py', '-q', 'sdist', '-d', sys.argv[1]]\nsetup()\n"
    result = subprocess.run([sys.executable, "-c", script, str(out)], cwd=source, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    [archive] = out.glob("good-offices-*.tar.gz")
    return archive


def test_the_sdist_carries_the_tests_fixtures_docs_tools_and_changelog(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "CHANGELOG.md",
        "docs/errors.md",
        "docs/playing.md",
        "tools/bench.py",
        "tests/conftest.py",
        "tests/fixtures/minimal.yaml",
    ):
        assert needed in names, needed
    assert any(n.startswith("tests/invalid/GO0") for n in names) and any(n.startswith("tests/golden_debrief/") for n in names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


@pytest.mark.slow
def test_tests_pass_from_the_unpacked_sdist_against_the_package_installed_from_it(sdist: Path, tmp_path: Path) -> None:
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [unpacked] = tmp_path.glob("good-offices-*")
    site = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index", "--target", str(site)]
    result = subprocess.run([*install, str(unpacked)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import game; print(game.__file__)"], cwd=unpacked / "tests", env=env, capture_output=True, text=True
    )
    assert Path(where.stdout.strip()).is_relative_to(site), "the tests use the installed package"
    pytest_command = [str(Path(sys.executable).with_name("pytest")), "-q", "-p", "no:cacheprovider", *SDIST_SUBSET]
    result = subprocess.run(pytest_command, cwd=unpacked, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_package_index_page_has_no_relative_links() -> None:
    """PyPI shows the long description without the repository around it: a relative link or
    image there is broken."""
    description = ROOT / PYPROJECT["project"]["readme"]
    links = re.findall(r"\]\(([^)]+)\)|<img[^>]+src=\"([^\"]+)\"", description.read_text(encoding="utf-8"))
    relative = [target for pair in links for target in pair if target and not re.match(r"https?://", target)]
    assert relative == [], f"{description.name} links to {relative}"
