"""``phobien publish --at WHEN``, with real processes and the real clock: built ahead,
hidden until its moment, switched on the second and never before, built again when its
inputs change, gone when its process is stopped or killed, and out of rollback's reach."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.publish.run import MARK, PublishError, publish, rollback, seal
from generator.publish.versions import FUTURE, LOG_NAME, futures, lock_of, marked
from generator.releases.punctuality import LogEntry, read_log, recorded
from tests.test_publish_safety import plain

ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
RELEASE = "tong-dieu-tra/{year}"
# The release's page says this once it is out, and never before.
OUT = "phobien-status-published"


def calendar(project: Path, when: dt.datetime) -> str:
    """A calendar with one listed release of a non-periodic product at ``when`` (a whole
    minute: release times have no seconds). Returns the release's id."""
    year = when.year
    (project / "catalog/calendars").mkdir(exist_ok=True)
    (project / f"catalog/calendars/{year}.yml").write_text(f"""year: {year}
status: approved
approval:
  approver: {{vi: "Cục trưởng", en: "Director"}}
  date: {year - 1}-12-20
  decision: "198/QĐ-CTK"
releases:
  - product: tong-dieu-tra
    period: "{year}"
    completeness: official
    date: {when.date().isoformat()}
    time: "{when:%H:%M}"
""", encoding="utf-8")
    return RELEASE.format(year=year)


def next_minute(lead: float = 30) -> dt.datetime:
    """The first whole minute at least ``lead`` seconds from now, office time."""
    soon = dt.datetime.now(ZONE) + dt.timedelta(seconds=lead + 60)
    return soon.replace(second=0, microsecond=0)


def start(project: Path, *args: str) -> subprocess.Popen[str]:
    """``phobien publish --at ...`` as a real process, this worktree's code."""
    return subprocess.Popen([sys.executable, "-m", "generator", "publish", "--lang", "en",
                             *args], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def waiting_version(project: Path, proc: subprocess.Popen[str],
                    timeout: float = 120) -> Path:
    """The future version once it is built and waiting."""
    versions = project / ".public.versions"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(versions.glob(f"*{FUTURE}")) if versions.is_dir() else []
        if found and lock_of(found[0]).is_file() and found[0].is_dir():
            return found[0]
        if proc.poll() is not None:
            pytest.fail(f"publish --at ended before waiting: {proc.communicate()}")
        time.sleep(0.05)
    pytest.fail("no future version appeared")


def released(target: Path, release: str) -> bool:
    page = target / "releases" / release / "index.html"
    return OUT in page.read_text(encoding="utf-8")


@pytest.fixture
def scheduled(minimal: Path) -> tuple[Path, Path, str, dt.datetime]:
    """The minimal project, published, with a release due at the next whole minute at
    least 30 s away: (project, target, release, when)."""
    when = next_minute()
    release = calendar(minimal, when)
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    assert not released(target, release)
    return minimal, target, release, when


@pytest.mark.slow
def test_at_switches_at_its_moment_never_before(
        scheduled: tuple[Path, Path, str, dt.datetime]) -> None:
    project, target, release, when = scheduled
    served = target.resolve()
    proc = start(project, "--at", when.isoformat())
    future = waiting_version(project, proc)
    # Before WHEN: hidden (owner only, outside the target), the old version served
    assert stat.S_IMODE(future.stat().st_mode) & 0o077 == 0
    assert target.resolve() == served and not released(target, release)
    assert released(future, release)  # it is the release's own version, verified
    assert not str(future.resolve()).startswith(str(target.resolve()) + os.sep)
    # watch the link: the first moment it serves another version
    seen_at = None
    while proc.poll() is None or seen_at is None:
        if target.resolve() != served:
            seen_at = time.time()
            break
        assert time.time() < when.timestamp() + 60, "no switch a minute after WHEN"
        time.sleep(0.005)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert seen_at is not None and seen_at >= when.timestamp()
    assert released(target, release) and "Released for the first time: " + release in out
    version = target.resolve()
    assert version.name == future.name.removesuffix(FUTURE)
    assert stat.S_IMODE(version.stat().st_mode) == stat.S_IMODE(served.stat().st_mode)
    assert seal.differences(version, seal.manifest_path(version.parent, version.name)) == []
    # the log: the switch's moment, and this release's lateness in seconds
    entry = read_log(project / ".public.versions" / LOG_NAME)[-1]
    assert entry.switched is not None and entry.switched.timestamp() >= when.timestamp()
    late = dict(entry.lateness)[release]
    assert 0 <= late < 30 and late == pytest.approx(entry.switched.timestamp()
                                                    - when.timestamp(), abs=1e-3)
    # the punctuality page shows it to the second, in both languages
    vi = (target / "calendar/punctuality/index.html").read_text(encoding="utf-8")
    en = (target / "en/calendar/punctuality/index.html").read_text(encoding="utf-8")
    assert "Độ trễ" in vi and ">0 giây<" in vi
    assert "Lateness" in en and ">0 s<" in en
    assert not list((project / ".public.versions").glob(f"*{FUTURE}*"))


@pytest.mark.slow
def test_a_change_while_waiting_is_built_again_and_verified(
        scheduled: tuple[Path, Path, str, dt.datetime]) -> None:
    project, target, release, when = scheduled
    served = target.resolve()
    proc = start(project, "--at", when.isoformat())
    future = waiting_version(project, proc)
    product = project / "catalog/products/tong-dieu-tra.yml"
    product.write_text(product.read_text(encoding="utf-8").replace(
        "Kết quả chủ yếu của Tổng điều tra.", "Kết quả chủ yếu của Tổng điều tra (sửa lại)."),
        encoding="utf-8")
    _, err = proc.communicate(timeout=when.timestamp() - time.time() + 180)
    assert proc.returncode == 0, err
    assert "changed since the version for" in err
    version = target.resolve()
    assert version != served and version.name != future.name.removesuffix(FUTURE)
    assert not future.exists() and not (future.parent / future.name.removesuffix(FUTURE)
                                        ).exists()  # the stale one never served, gone
    page = (target / "products/tong-dieu-tra/index.html").read_text(encoding="utf-8")
    assert "(sửa lại)" in page and released(target, release)
    entry = read_log(project / ".public.versions" / LOG_NAME)[-1]
    assert entry.version == version.name and release in entry.newly_public
    assert entry.switched is not None and entry.switched.timestamp() >= when.timestamp()


@pytest.mark.slow
def test_a_broken_catalog_while_waiting_is_refused_plainly(
        scheduled: tuple[Path, Path, str, dt.datetime]) -> None:
    project, target, release, when = scheduled
    served = target.resolve()
    proc = start(project, "--at", when.isoformat())
    waiting_version(project, proc)
    product = project / "catalog/products/tong-dieu-tra.yml"
    product.write_text(product.read_text(encoding="utf-8").replace(
        "audiences: [public]", "audiences: [pubic]"), encoding="utf-8")
    _, err = proc.communicate(timeout=when.timestamp() - time.time() + 180)
    assert proc.returncode != 0 and "Traceback" not in err
    assert "Publishing failed; the published site is unchanged" in err and "pubic" in err
    assert target.resolve() == served and not released(target, release)
    assert not list((project / ".public.versions").glob(f"*{FUTURE}*"))


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_or_killed_wait_leaves_the_site_and_serves_nothing_early(
        minimal: Path, sig: signal.Signals) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    publish(minimal / "mkdocs.yml", target, force=True)
    served = target.resolve()
    when = dt.datetime.now(ZONE) + dt.timedelta(seconds=300)
    proc = start(minimal, "--at", when.isoformat())
    future = waiting_version(minimal, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and target.resolve() == served
    versions = minimal / ".public.versions"
    if sig == signal.SIGTERM:
        assert "Traceback" not in err and "stopped before" in err and "unchanged" in err
        assert not future.exists() and not lock_of(future).exists()
    else:  # nothing ran on the way out: the folder is there, its owner is not
        assert future.exists() and futures(versions) == []
        assert future.name not in {v.name for v in marked(versions)}
        assert rollback(target) == first  # rollback cleans it away, never picks it
        assert target.resolve().name == first
    publish(minimal / "mkdocs.yml", target, force=True)
    assert not list(versions.glob(f"*{FUTURE}*"))
    assert not seal.manifest_path(versions, future.name.removesuffix(FUTURE)).exists()
    assert all(e.version != future.name.removesuffix(FUTURE)
               for e in read_log(versions / LOG_NAME))


@pytest.mark.slow
def test_rollback_and_publish_leave_a_waiting_version_alone(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    publish(minimal / "mkdocs.yml", target, force=True)
    when = dt.datetime.now(ZONE) + dt.timedelta(seconds=300)
    proc = start(minimal, "--at", when.isoformat())
    try:
        future = waiting_version(minimal, proc)
        name = future.name.removesuffix(FUTURE)
        for to in (future.name, name):
            with pytest.raises(PublishError, match="is not a complete version"):
                rollback(target, to=to)
        assert rollback(target) == first
        # a plain publish meanwhile (the 15-minute timer): switches, prunes, never it
        for _ in range(6):
            assert publish(minimal / "mkdocs.yml", target, force=True).version != name
        assert futures(minimal / ".public.versions") == [future]
        assert target.resolve() != future.resolve() and proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    assert not future.exists()


@pytest.mark.slow
def test_rollback_refuses_a_version_built_for_a_moment_to_come(minimal: Path) -> None:
    """However it got there, a complete version built as of a moment still to come is
    never switched in by rollback."""
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    versions = minimal / ".public.versions"
    ahead = versions / "29990101T000000000000Z"
    shutil.copytree(versions / first, ahead)
    for path in [ahead, *ahead.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    mark = json.loads((ahead / MARK).read_text(encoding="utf-8"))
    (ahead / MARK).write_text(json.dumps({**mark, "as_of": "2999-01-01T09:00:00+07:00"}),
                              encoding="utf-8")
    seal.write_manifest(ahead, seal.manifest_path(versions, ahead.name), minimal / "mkdocs.yml")
    with pytest.raises(PublishError, match="still to come") as info:
        rollback(target, to=ahead.name)
    assert "chưa đến" in info.value.text("vi")
    assert target.resolve().name == first


@pytest.mark.slow
def test_at_a_moment_past_or_too_far_publishes_now(minimal: Path) -> None:
    from tests.test_publish_safety import phobien

    past = phobien(minimal, "publish", "--at", "2020-01-01T09:00", "--lang", "en")
    assert past.returncode == 0, past.stderr
    assert "2020-01-01T09:00:00+07:00 has passed: publishing now" in past.stderr
    assert (minimal / "public/index.html").is_file()
    when = next_minute(3600)
    calendar(minimal, when)
    far = phobien(minimal, "publish", "--at", "next", "--within", "20m")
    assert far.returncode == 0, far.stderr
    assert "còn xa hơn 20m: xuất bản bình thường" in far.stderr
    assert not list((minimal / ".public.versions").glob(f"*{FUTURE}*"))


@pytest.mark.slow
def test_at_refuses_plainly(minimal: Path) -> None:
    from tests.test_publish_safety import phobien

    cases = [
        (["--at", "next", "--target", "stats@web1:/srv/public"], "chỉ xuất bản vào một thư mục"),
        (["--within", "20m"], "--within chỉ dùng cùng --at"),
        (["--at", "next", "--within", "soon"], "không phải một khoảng thời gian"),
        (["--at", "9 giờ sáng mai"], "không phải một thời điểm ISO 8601"),
        (["--at", "next", "--as-of", "2026-01-01"], "không dùng cùng nhau"),
    ]
    for args, words in cases:
        result = phobien(minimal, "publish", *args)
        plain(result)
        assert result.stderr.startswith("Lỗi: ") and words in result.stderr, result.stderr
    english = phobien(minimal, "publish", "--lang", "en", "--at", "next", "--target",
                      "stats@web1:/srv/public")
    plain(english)
    assert "--at publishes to a folder on this machine only" in english.stderr
    assert not (minimal / "public").exists()


def test_old_log_lines_read_and_new_ones_carry_the_switch() -> None:
    old = ('{"time": "2026-11-06T09:05:00+07:00", "version": "v1", "user": "u", '
           '"host": "h", "newly_public": ["cpi/2026-10"], "datasets": []}')
    entry = LogEntry.from_json(old)
    assert entry.switched is None and entry.lateness == ()
    switched = dt.datetime(2026, 11, 6, 9, 0, 0, 250000, tzinfo=ZONE)
    announced = {"cpi/2026-10": dt.datetime(2026, 11, 6, 9, 0, tzinfo=ZONE)}
    new = LogEntry.from_json(entry.at_switch(switched, announced).to_json())
    assert new.switched == switched and new.lateness == (("cpi/2026-10", 0.25),)
    assert recorded([entry, new]) == {"cpi/2026-10": switched}
    assert recorded([entry, entry]) == {"cpi/2026-10": entry.time}
