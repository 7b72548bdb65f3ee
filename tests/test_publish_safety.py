"""``phobien publish`` under faults, with real processes and real file systems: previews
kept off the served place, sealed versions, re-verified rollbacks, one publish at a time,
a full disk, a read-only target, a damaged log, kills at chosen points, orphan workers."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.publish.lock import hold
from generator.publish.run import KILL_AT, MARK, PublishError, publish, rollback, seal
from generator.publish.versions import LOG_NAME, is_version, marked, retire, tidy
from generator.releases.punctuality import read_log
from tests.test_publish import complete

ROOT = Path(__file__).resolve().parent.parent


def phobien(project: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real command, this worktree's code."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def plain(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr


def half_versions(versions: Path) -> list[str]:
    """Folders that carry a version's name but are not whole: what must never exist."""
    out = []
    for path in versions.iterdir():
        if path.is_dir() and not path.name.endswith((".partial", ".failed", ".deleting")):
            manifest = seal.manifest_path(versions, path.name)
            if not is_version(path) or seal.differences(path, manifest):
                out.append(path.name)
    return out


def versions_of(project: Path) -> Path:
    return project / ".public.versions"


# --- 1. no preview reaches a served place ------------------------------------------------


@pytest.mark.slow
def test_build_and_serve_refuse_a_served_folder(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    served = target.resolve()
    (minimal / "shortcut").symlink_to("public/products")
    for site_dir in ("public", "public/products", ".", "shortcut/x",
                     f".public.versions/{served.name}", ".public.versions/new"):
        result = phobien(minimal, "build", "--as-of", "2099-01-01", "--site-dir", site_dir)
        plain(result)
        assert "Không dựng vào" in result.stderr and "phobien publish" in result.stderr
    english = phobien(minimal, "build", "--as-of", "2099-01-01", "--site-dir", "public",
                      "--lang", "en")
    plain(english)
    assert "Not building into public" in english.stderr
    served_tmp = phobien(minimal, "serve", "--lang", "en", env={"TMPDIR": str(target)},
                         timeout=60)
    plain(served_tmp)
    assert "TMPDIR" in served_tmp.stderr
    # nothing was written into the served version, and no preview banner went out
    assert seal.differences(served, seal.manifest_path(served.parent, served.name)) == []
    assert "BẢN XEM TRƯỚC" not in (target / "index.html").read_text(encoding="utf-8")


# --- 2. sealed versions ------------------------------------------------------------------


@pytest.mark.slow
def test_a_published_version_is_sealed_and_listed(minimal: Path) -> None:
    target = minimal / "public"
    name = publish(minimal / "mkdocs.yml", target).version
    version = versions_of(minimal) / name
    manifest = seal.manifest_path(versions_of(minimal), name)
    listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    files = [p for p in version.rglob("*") if p.is_file()]
    assert sorted(listed) == sorted(p.relative_to(version).as_posix() for p in files)
    assert MARK in listed and "index.html" in listed
    assert all(p.stat().st_mode & 0o222 == 0 for p in [*files, version])
    assert seal.differences(version, manifest) == []


@pytest.mark.slow
def test_a_changed_served_version_is_reported_and_replaced(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target)
    page = target / "about/index.html"
    original = page.read_bytes()
    os.chmod(page, 0o644)
    page.write_bytes(original.replace(b"</body>", b"<p>defaced</p></body>"))
    said: list[str] = []
    again = publish(minimal / "mkdocs.yml", target, say=said.append)
    assert not again.unchanged and again.version != first.version
    assert again.replaced == [("about/index.html", "changed")]
    assert any(first.version in line and "about/index.html" in line for line in said)
    assert (target / "about/index.html").read_bytes() == original and complete(target)


# --- 3. rollback re-verifies -------------------------------------------------------------


@pytest.mark.slow
def test_rollback_refuses_a_damaged_version_and_offers_one_that_passes(
        minimal: Path) -> None:
    target = minimal / "public"
    v1, v2, _ = (publish(minimal / "mkdocs.yml", target, force=True).version
                 for _ in range(3))
    page = versions_of(minimal) / v2 / "index.html"
    os.chmod(page, 0o644)
    page.write_text("defaced", encoding="utf-8")
    with pytest.raises(PublishError, match=f"not returning to {v2}: its files differ") as info:
        rollback(target)
    assert f"phobien rollback --to {v1}" in str(info.value)
    assert "khác với bản kê" in info.value.text("vi")
    result = phobien(minimal, "rollback", "--lang", "en")
    plain(result)
    assert f"--to {v1}" in result.stderr
    assert rollback(target, to=v1) == v1 and target.resolve().name == v1
    assert [e.action for e in read_log(versions_of(minimal) / LOG_NAME)][-1] == "rollback"


@pytest.mark.slow
def test_rollback_refuses_a_product_restricted_since(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target, force=True)
    second = publish(minimal / "mkdocs.yml", target, force=True).version
    product = minimal / "catalog/products/nien-giam.yml"
    product.write_text(product.read_text(encoding="utf-8").replace(
        "access: public", "access: restricted"), encoding="utf-8")
    result = phobien(minimal, "rollback")
    plain(result)
    assert "không qua kiểm tra" in result.stderr and "[restricted]" in result.stderr
    assert "Không phiên bản nào khác đạt yêu cầu" in result.stderr
    assert target.resolve().name == second


@pytest.mark.slow
def test_rollback_refuses_a_version_that_shows_figures_now_embargoed(minimal: Path) -> None:
    """A release moved later after it went out: the version that published it would now
    show its figures before their (new) time."""
    import datetime as dt

    from generator.check import load_catalog
    from generator.releases.plan import plan
    from tests.test_datasets import SOURCE, add_dataset
    from tests.test_releases import write_calendar

    # Publishes run on the real clock: a source of last year's and this year's months,
    # this year's calendar, then the newest released month moved to the year's last day.
    now = dt.datetime.now(dt.UTC)
    header, first_row = SOURCE.splitlines()[:2]
    rest = first_row.split(",", 1)[1]
    months = [f"{y}-{m:02d}" for y in (now.year - 1, now.year) for m in range(1, 13)]
    add_dataset(minimal, source="\n".join([header, *(f"{p},{rest}" for p in months)]) + "\n")
    # Each month released on its own first day at midnight: whatever today is, this year
    # has a released month (the 6th of the next month would leave early January without).
    product = minimal / "catalog/products/cpi.yml"
    product.write_text(product.read_text(encoding="utf-8").replace(
        '    day: 6\n    time: "9:00"\n', '    day: 1\n    months_after: 0\n    time: "0:00"\n'),
        encoding="utf-8")
    assert "months_after: 0" in product.read_text(encoding="utf-8")
    target = minimal / "public"
    calendar = f"""year: {now.year}
status: approved
approval:
  approver: {{vi: "Cục trưởng", en: "Director"}}
  date: {now.year - 1}-12-20
  decision: "198/QĐ-CTK"
"""
    write_calendar(minimal, calendar, year=now.year)
    full = load_catalog(minimal / "catalog")
    periods = set(months)
    out = [r for r in plan(full.public(), now).of_product("cpi")
           if r.is_public and r.moment and r.id.split("/")[1] in periods]
    moved = max(out, key=lambda r: r.moment or now)
    assert moved.moment is not None
    period, year = moved.id.split("/")[1], moved.moment.year
    first = publish(minimal / "mkdocs.yml", target).version
    latest = target / "datasets/chi-so/chi-so.csv"
    assert f"{period}," in latest.read_text(encoding="utf-8-sig")
    write_calendar(minimal, calendar + f"""adjustments:
  - type: moved
    release: {moved.id}
    from: {moved.moment.date().isoformat()}
    to: {year}-12-31
    time: "23:59"
    announced: {moved.moment.date().isoformat()} 08:00
    reason: {{vi: "Chờ số liệu điều tra bổ sung", en: "Awaiting survey figures"}}
""", year=year)
    second = publish(minimal / "mkdocs.yml", target).version
    assert f"{period}," not in latest.read_text(encoding="utf-8-sig")
    with pytest.raises(PublishError, match=f"not returning to {first}: it fails verification"
                       ) as info:
        rollback(target)
    assert "[embargo]" in str(info.value) and "không qua kiểm tra" in info.value.text("vi")
    # Each failure named, in the staff's words too (words/staff.py VERIFY_DETAILS).
    vi = info.value.text("vi")
    assert "chưa đến giờ công bố" in vi and "not yet" not in vi, vi
    assert "not yet released" in info.value.text("en")
    assert target.resolve().name == second


# --- 4. one publish at a time ------------------------------------------------------------


@pytest.mark.slow
def test_a_publish_waits_for_the_lock_and_gives_up_plainly(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    before = sorted(p.name for p in versions_of(minimal).iterdir())
    with hold(versions_of(minimal)):
        start = time.monotonic()
        result = phobien(minimal, "publish", "--force", "--wait", "1")
        assert time.monotonic() - start < 30
    plain(result)
    assert "một lần xuất bản khác" in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert sorted(p.name for p in versions_of(minimal).iterdir()) == before
    assert target.resolve().name == first


@pytest.mark.slow
def test_two_publishes_started_together(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "generator", "publish", "--force"],
                              cwd=minimal, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    entries = read_log(versions_of(minimal) / LOG_NAME)
    assert len({e.version for e in entries}) == 3
    assert complete(target) and target.resolve().name == entries[-1].version
    assert half_versions(versions_of(minimal)) == []
    assert not list(versions_of(minimal).glob("*.partial"))


# --- 5. faults ---------------------------------------------------------------------------


@contextlib.contextmanager
def mounted(*argv: str, point: Path) -> Iterator[Path]:
    point.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *argv, str(point)], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.slow
def test_a_full_disk_leaves_the_site_and_the_next_publish_works(minimal: Path) -> None:
    project = minimal
    with mounted("-t", "tmpfs", "-o", "size=32m", "tmpfs", point=minimal.parent / "disk") as disk:
        target = disk / "public"
        first = publish(project / "mkdocs.yml", target).version
        versions = disk / ".public.versions"
        # Fill the disk until half a version's room is left, whatever a version weighs.
        size = sum(f.stat().st_size for f in (versions / first).rglob("*") if f.is_file())
        room = os.statvfs(disk)
        filler = disk / "filler"
        with filler.open("wb") as out:
            out.write(b"\0" * max(room.f_bavail * room.f_frsize - size // 2, 0))
        result = phobien(project, "publish", "--force", "--target", str(target))
        plain(result)
        assert "đĩa đã đầy" in result.stderr, result.stderr
        assert target.resolve().name == first and complete(target)
        assert not list(versions.glob("*.partial")) and half_versions(versions) == []
        assert [v.name for v in marked(versions)] == [first]
        filler.unlink()  # room again: the next publish works
        publish(project / "mkdocs.yml", target, force=True)
        assert complete(target)


@pytest.mark.slow
def test_a_read_only_target_gives_a_plain_message(minimal: Path) -> None:
    served = minimal.parent / "served"
    served.mkdir()
    target = served / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    with mounted("--bind", "-o", "ro", str(served), point=served):
        result = phobien(minimal, "publish", "--force", "--target", str(target))
        plain(result)
        assert "không ghi được" in result.stderr, result.stderr
        assert target.resolve().name == first and complete(target)
    assert not list((served / ".public.versions").glob("*.partial"))
    publish(minimal / "mkdocs.yml", target, force=True)
    assert target.resolve().name != first and complete(target)


@pytest.mark.slow
def test_a_damaged_log_line_is_set_aside(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    log = versions_of(minimal) / LOG_NAME
    with log.open("a", encoding="utf-8") as f:
        f.write('{"time": "2026-12-01T10:00:00+07:00", "vers')  # killed mid-line
    result = phobien(minimal, "publish", "--force")
    assert result.returncode == 0, result.stderr
    assert "dòng hỏng" in result.stderr
    assert len(read_log(log)) == 2 and log.read_text(encoding="utf-8").endswith("\n")
    assert '"vers' in (log.parent / (LOG_NAME + ".damaged")).read_text(encoding="utf-8")


@pytest.mark.slow
def test_pruning_never_leaves_a_version_that_looks_complete(
        minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = minimal / "public"
    old = publish(minimal / "mkdocs.yml", target).version
    publish(minimal / "mkdocs.yml", target, force=True)

    def killed(folder: Path) -> None:
        (folder / "index.html").unlink()  # half deleted, then the power goes
        raise KeyboardInterrupt

    versions = versions_of(minimal)
    monkeypatch.setattr(seal, "remove", killed)
    with pytest.raises(KeyboardInterrupt):
        retire(versions / old)
    monkeypatch.undo()
    assert old not in [v.name for v in marked(versions)] and half_versions(versions) == []
    assert not seal.manifest_path(versions, old).exists()
    tidy(versions)
    assert not (versions / f"{old}.deleting").exists()


@pytest.mark.slow
@pytest.mark.parametrize("point", ["built", "sealed", "switched", "logged"])
def test_a_publish_killed_at_each_point(minimal: Path, point: str) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    result = phobien(minimal, "publish", "--force", env={KILL_AT: point})
    assert result.returncode == -signal.SIGKILL
    assert complete(target) and half_versions(versions_of(minimal)) == []
    served = target.resolve().name
    assert (served == first) == (point in ("built", "sealed"))
    again = phobien(minimal, "publish")  # recovers, then finds nothing changed
    assert again.returncode == 0, again.stderr
    logged = [e.version for e in read_log(versions_of(minimal) / LOG_NAME)]
    assert served in logged and len(logged) == len(set(logged))  # every switch, once
    assert not list(versions_of(minimal).glob("*.partial"))
    assert not (versions_of(minimal) / "publish-log.pending.json").exists()


WORKERS = """
import time
from generator.workers import pool
p = pool(2)
futures = [p.submit(time.sleep, 120) for _ in range(2)]
time.sleep(3)
print(" ".join(str(pid) for pid in p._processes), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_no_worker_outlives_a_killed_parent() -> None:
    proc = subprocess.Popen([sys.executable, "-c", WORKERS], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)
