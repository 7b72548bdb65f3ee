"""Kill loop: SIGKILL ``phobien publish`` at random moments, then check what readers and
the next publish get.

After each kill: is the served site whole (a link to a marked version whose files match
its manifest), and is any folder left with a version's name that is not whole? Then a
normal publish must recover: exit 0, leave no partial version nor pending log entry, and
the log must name the served version. Usage: ``python bench/kills.py [--kills 50]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.releases.punctuality import read_log  # noqa: E402
from generator.publish import seal  # noqa: E402
from generator.publish.versions import LOG_NAME, MARK, PENDING, is_version  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "publish", *args], cwd=project,
                          env=ENV, capture_output=True, text=True, timeout=600)


def whole(target: Path) -> bool:
    if not target.is_symlink():
        return False
    version = target.resolve()
    return ((version / MARK).is_file() and (version / "index.html").is_file()
            and not seal.differences(version, seal.manifest_path(version.parent,
                                                                 version.name)))


def half_versions(versions: Path) -> int:
    count = 0
    for path in versions.iterdir():
        if path.is_dir() and not path.name.endswith((".partial", ".failed", ".deleting")):
            manifest = seal.manifest_path(versions, path.name)
            count += not is_version(path) or bool(seal.differences(path, manifest))
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "site"
        shutil.copytree(ROOT / "tests/fixtures/site_minimal", project)
        target, versions = project / "public", project / ".public.versions"
        assert run(project).returncode == 0
        start = time.monotonic()
        assert run(project, "--force").returncode == 0
        duration = time.monotonic() - start
        half_sites = half_left = failed = 0
        began = time.monotonic()
        for _ in range(args.kills):
            proc = subprocess.Popen([sys.executable, "-m", "generator", "publish", "--force"],
                                    cwd=project, env=ENV, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * 1.1))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            half_sites += not whole(target)
            half_left += half_versions(versions)
            recovery = run(project)
            logged = {e.version for e in read_log(versions / LOG_NAME)}
            ok = (recovery.returncode == 0 and whole(target)
                  and not list(versions.glob("*.partial"))
                  and not (versions / PENDING).exists()
                  and target.resolve().name in logged)
            failed += not ok
        print(f"kills: {args.kills} (a publish takes {duration:.1f} s; "
              f"{time.monotonic() - began:.0f} s in all)")
        print(f"half sites served: {half_sites}")
        print(f"half versions left: {half_left}")
        print(f"failed recoveries: {failed}")
        if half_sites or half_left or failed:
            sys.exit(1)


if __name__ == "__main__":
    main()
