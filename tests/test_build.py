"""``python -m build`` makes an sdist and a wheel with PEP 639 metadata, warning-free.

Built offline (``--no-isolation``: the backend of the environment, which the
``[test]`` extra installs; nothing is downloaded), in a copy of the files a build
reads, so the working tree gets no ``build/`` or ``dist/``.  setuptools announces a
deprecated configuration (the table form of ``license``, a license classifier) with
a ``SetuptoolsDeprecationWarning`` in the build's output: there must be none.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What setuptools reads to build: the rest of the repository is not packaged.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "smsc_codec")
#: A build on a loaded machine takes seconds; this is only a bound on a hang.
TIMEOUT = 600


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The dist/ folder of a fresh build, and everything the build printed."""
    pytest.importorskip("build", reason="the [test] extra installs build")
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", "dist", "."],
        cwd=source, capture_output=True, text=True, timeout=TIMEOUT)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return source / "dist", output


def test_the_build_warns_of_nothing_deprecated(built: tuple[Path, str]) -> None:
    _, output = built
    assert [line for line in output.splitlines() if "deprecat" in line.lower()] == []


def test_the_wheel_metadata_is_pep_639(built: tuple[Path, str]) -> None:
    dist, _ = built
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(archive.read(metadata).decode("utf-8"))
        info = metadata.rsplit("/", 1)[0]
        assert archive.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    assert (meta["License-Expression"], meta.get_all("License-File")) == ("MIT", ["LICENSE"])
    assert meta["License"] is None  # the deprecated field, replaced by the expression
    # No public host yet: no Project-URL pointing nowhere (CHANGELOG.md, "Project URLs").
    assert meta.get_all("Project-URL") is None
    assert not [c for c in meta.get_all("Classifier", []) if c.startswith("License ::")]


def test_the_sdist_carries_the_license(built: tuple[Path, str]) -> None:
    dist, _ = built
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        [license_file] = [m for m in archive.getmembers() if m.name.endswith("/LICENSE")]
        data = archive.extractfile(license_file)
        assert data is not None and data.read() == (ROOT / "LICENSE").read_bytes()
