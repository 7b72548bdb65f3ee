"""``phobien publish``: checked, verified, atomic, reversible, logged, and never a preview."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish.run import (
    KEEP_VERSIONS,
    MARK,
    PublishError,
    publish,
    rollback,
    switch,
    versions_dir,
)
from generator.releases.punctuality import read_log
from generator.verify import VerificationError
from tests.test_datasets import add_dataset

NOW = None  # publish as of the real time, as staff do


def complete(target: Path) -> bool:
    """The target serves a whole site: a link to a marked version with its pages."""
    resolved = target.resolve()
    return (target.is_symlink() and (resolved / MARK).is_file()
            and (resolved / "index.html").is_file()
            and (resolved / "products/cpi/index.html").is_file())


@pytest.mark.slow
def test_publish_switches_the_target_to_a_complete_build(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    assert complete(target)
    assert target.resolve() == (versions_dir(target) / first).resolve()
    second = publish(minimal / "mkdocs.yml", target, force=True).version
    assert second != first and target.resolve().name == second
    assert (versions_dir(target) / first / "index.html").is_file()  # the previous one is kept
    assert not list(versions_dir(target).glob("*.partial"))


@pytest.mark.slow
def test_publish_keeps_the_last_versions_only(minimal: Path) -> None:
    target = minimal / "public"
    names = [publish(minimal / "mkdocs.yml", target, force=True).version
             for _ in range(KEEP_VERSIONS + 2)]
    kept = sorted(p.name for p in versions_dir(target).iterdir() if (p / MARK).exists())
    assert kept == names[-KEEP_VERSIONS:]


@pytest.mark.slow
def test_a_failed_check_or_build_leaves_the_published_site(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    cpi = minimal / "catalog/products/cpi.yml"
    cpi.write_text(cpi.read_text(encoding="utf-8").replace("unit: tong-hop", "unit: x"),
                   encoding="utf-8")
    with pytest.raises(Exception, match="unknown unit"):
        publish(minimal / "mkdocs.yml", target)
    assert target.resolve().name == first and complete(target)


@pytest.mark.slow
def test_a_failing_verification_leaves_the_previous_site(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    about = minimal / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8")
                     + '\n<script src="https://cdn.example.com/track.js"></script>\n',
                     encoding="utf-8")
    with pytest.raises(VerificationError) as info:
        publish(minimal / "mkdocs.yml", target)
    assert "about/index.html: [hosts]" in str(info.value)
    assert "cdn.example.com" in str(info.value)
    assert target.resolve().name == first and complete(target)
    assert not (target / "about/index.html").read_text(encoding="utf-8").count("cdn.example")


@pytest.mark.slow
def test_rollback(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    second = publish(minimal / "mkdocs.yml", target, force=True).version
    assert rollback(target) == first
    assert target.resolve().name == first and complete(target)
    with pytest.raises(PublishError, match="no earlier version"):
        rollback(target)
    assert target.resolve().name == first
    del second


@pytest.mark.slow
def test_a_preview_never_reaches_the_target(minimal: Path) -> None:
    target = minimal / "public"
    with pytest.raises(PublishError, match="never published"):
        publish(minimal / "mkdocs.yml", target, as_of="2099-01-01T09:00")
    assert not target.exists() and not versions_dir(target).exists()
    result = subprocess.run([sys.executable, "-m", "generator", "publish", "--as-of",
                             "2099-01-01"], cwd=minimal, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (minimal / "preview/index.html").is_file() and not target.exists()
    banner = (minimal / "preview/index.html").read_text(encoding="utf-8")
    assert "BẢN XEM TRƯỚC NỘI BỘ" in banner
    refused = subprocess.run([sys.executable, "-m", "generator", "publish", "--as-of",
                              "2099-01-01", "--target", "public"], cwd=minimal,
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "không bao giờ được công bố" in refused.stderr
    assert not target.exists()


@pytest.mark.slow
def test_the_publish_log_records_who_when_and_what(minimal: Path) -> None:
    add_dataset(minimal)  # cpi releases in 2027 and a dataset
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    [entry] = read_log(versions_dir(target) / "publish-log.jsonl")
    assert entry.user and entry.host and entry.version == target.resolve().name
    assert entry.datasets == ("chi-so",)
    assert entry.newly_public == ()  # as of today, the 2027 calendar has released nothing
    publish(minimal / "mkdocs.yml", target, force=True)
    second = read_log(versions_dir(target) / "publish-log.jsonl")[1]
    assert second.datasets == ()  # nothing added this time


@pytest.mark.slow
def test_the_punctuality_page_shows_announced_and_actual_times(minimal: Path) -> None:
    from tests.test_releases import add_rule, write_calendar

    add_rule(minimal)
    write_calendar(minimal, (Path(__file__).parent / "fixtures/calendar_2026.yml").read_text(
        encoding="utf-8"), year=2026)
    target = minimal / "public"
    result = publish(minimal / "mkdocs.yml", target)
    assert "cpi/2026-10" in result.newly_public  # released 6 November, first published now
    page = (target / "calendar/punctuality/index.html").read_text(encoding="utf-8")
    # the log begins now: what was already out has no recorded time, and counts neither way
    assert "đợt chưa ghi nhận thời điểm thực tế" in page
    assert "Năm 2026: chưa có đợt nào được ghi nhận" in page
    assert "0/0" not in page
    # later publishes record when releases went out: one on time, one three days late
    log = versions_dir(target) / "publish-log.jsonl"
    # lines as publishes wrote them before they kept the switch's own moment
    first = {k: v for k, v in json.loads(log.read_text(encoding="utf-8")).items()
             if k not in ("switched", "lateness")}
    first["newly_public"] = [r for r in first["newly_public"]
                             if r not in ("cpi/2026-09", "cpi/2026-10")]
    late = {**first, "time": "2026-10-09T10:00:00+07:00", "newly_public": ["cpi/2026-09"]}
    on_time = {**first, "time": "2026-11-06T09:05:00+07:00", "newly_public": ["cpi/2026-10"]}
    log.write_text("".join(json.dumps(e) + "\n" for e in (first, late, on_time)),
                   encoding="utf-8")
    publish(minimal / "mkdocs.yml", target, force=True)
    page = (target / "calendar/punctuality/index.html").read_text(encoding="utf-8")
    assert "06/11/2026 09:05" in page and "09/10/2026 10:00" in page
    assert "Năm 2026: 1/2 đợt đúng hạn (50%)." in page


@pytest.mark.slow
def test_a_publish_uses_the_real_time(minimal: Path) -> None:
    with pytest.raises(PublishError, match="always uses the real time"):
        publish(minimal / "mkdocs.yml", minimal / "public", as_of="2020-01-01T09:00")
    assert not (minimal / "public").exists()


def test_targets() -> None:
    from generator.publish.run import Target

    assert Target.parse("public") == Target("public")
    assert Target.parse("stats@web1:/srv/site/public") == Target("/srv/site/public",
                                                                 "stats@web1")
    assert Target.parse("web1:/srv/site/public") == Target("/srv/site/public", "web1")
    assert Target.parse("ssh://stats@web1:2222/srv/public") == Target("/srv/public",
                                                                      "stats@web1", 2222)


def test_next_prints_the_next_release(minimal: Path) -> None:
    from tests.test_releases import add_rule, write_calendar

    add_rule(minimal)
    write_calendar(minimal)
    out = subprocess.run([sys.executable, "-m", "generator", "next", "--format", "iso"],
                         cwd=minimal, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "2027-01-06T09:00:00+07:00"
    text = subprocess.run([sys.executable, "-m", "generator", "next", "--lang", "en"],
                          cwd=minimal, capture_output=True, text=True, check=True).stdout
    assert "Next release: 6 January 2027, 09:00" in text and "cpi/2026-12" in text


@pytest.mark.slow
def test_sigkill_during_the_build_never_breaks_the_published_site(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    command = [sys.executable, "-m", "generator", "publish", "--force"]
    start = time.monotonic()
    subprocess.run(command, cwd=minimal, check=True, capture_output=True)
    duration = time.monotonic() - start
    for step in range(1, 16):  # kill at fifteen points spread over a whole publish
        proc = subprocess.Popen(command, cwd=minimal, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(duration * step / 16)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert complete(target), f"killed at {step}/16 of a publish"
    # and the next publish cleans up whatever the killed ones left behind
    publish(minimal / "mkdocs.yml", target, force=True)
    assert not list(versions_dir(target).glob("*.partial"))


@pytest.mark.slow
def test_nothing_changed_means_nothing_done(minimal: Path) -> None:
    from tests.test_releases import add_rule, write_calendar

    add_rule(minimal)
    write_calendar(minimal)  # 2027: the first release falls due on 6 January 2027, 09:00
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target)
    again = publish(minimal / "mkdocs.yml", target)
    assert again.unchanged and again.version == first.version
    assert target.resolve().name == first.version
    assert len(read_log(versions_dir(target) / "publish-log.jsonl")) == 1
    # an edit is a change
    cpi = minimal / "catalog/products/cpi.yml"
    cpi.write_text(cpi.read_text(encoding="utf-8").replace("hằng tháng", "hằng tháng (sửa)"),
                   encoding="utf-8")
    edited = publish(minimal / "mkdocs.yml", target)
    assert not edited.unchanged and edited.version != first.version
    # and so is a release falling due, with nothing edited
    from generator.check import load_catalog
    from generator.project import Project
    from generator.publish.run import fingerprint

    catalog = load_catalog(minimal / "catalog")
    zone = catalog.site.zone
    before = dt.datetime(2027, 1, 6, 8, 59, tzinfo=zone)
    same = dt.datetime(2027, 1, 6, 8, 0, tzinfo=zone)
    due = dt.datetime(2027, 1, 6, 9, 0, tzinfo=zone)
    project = Project.read(minimal / "mkdocs.yml")
    assert fingerprint(project, catalog, before) == fingerprint(project, catalog, same)
    assert fingerprint(project, catalog, before) != fingerprint(project, catalog, due)



def test_a_release_entering_the_week_view_changes_the_fingerprint(minimal: Path) -> None:
    # The week view lists the releases due in the seven days after the build moment: a
    # release that comes within seven days, on the same day, changes the page.
    from generator.check import load_catalog
    from generator.project import Project
    from generator.publish.run import fingerprint
    from tests.test_releases import add_rule, write_calendar

    add_rule(minimal)
    write_calendar(minimal)  # 2027: the first release falls due on 6 January 2027, 09:00
    catalog = load_catalog(minimal / "catalog")
    project = Project.read(minimal / "mkdocs.yml")
    zone = catalog.site.zone
    early = dt.datetime(2026, 12, 30, 8, 0, tzinfo=zone)
    later = dt.datetime(2026, 12, 30, 8, 30, tzinfo=zone)
    within = dt.datetime(2026, 12, 30, 9, 0, tzinfo=zone)  # exactly seven days before
    assert fingerprint(project, catalog, early) == fingerprint(project, catalog, later)
    assert fingerprint(project, catalog, later) != fingerprint(project, catalog, within)


def test_a_new_day_in_the_office_zone_changes_the_fingerprint(minimal: Path) -> None:
    # The week view is of the build's day: a publish on the next day must rebuild it,
    # even when no release falls due and nothing is edited. The day is the office's.
    from generator.check import load_catalog
    from generator.project import Project
    from generator.publish.run import fingerprint
    from generator.releases.plan import plan
    from tests.test_releases import add_rule, write_calendar

    add_rule(minimal)
    write_calendar(minimal)  # 2027: the first release falls due on 6 January 2027, 09:00
    catalog = load_catalog(minimal / "catalog")
    project = Project.read(minimal / "mkdocs.yml")
    utc = dt.UTC
    morning = dt.datetime(2027, 1, 10, 1, 0, tzinfo=utc)  # 08:00 on the 10th in Hà Nội
    evening = dt.datetime(2027, 1, 10, 16, 30, tzinfo=utc)  # 23:30 on the 10th
    after_midnight = dt.datetime(2027, 1, 10, 17, 30, tzinfo=utc)  # 00:30 on the 11th
    public = [{r.id for r in plan(catalog.public(), m).releases if r.is_public}
              for m in (morning, after_midnight)]
    assert public[0] == public[1]  # nothing falls due in between
    assert fingerprint(project, catalog, morning) == fingerprint(project, catalog, evening)
    assert fingerprint(project, catalog, evening) != fingerprint(project, catalog, after_midnight)


SWITCHER = """
import sys
from pathlib import Path
from generator.publish.run import switch
target, a, b = (Path(p) for p in sys.argv[1:4])
print("ready", flush=True)
while True:
    switch(target, a)
    switch(target, b)
"""


@pytest.mark.slow
def test_sigkill_during_the_switch_never_breaks_the_published_site(tmp_path: Path) -> None:
    versions = tmp_path / ".public.versions"
    for name in ("a", "b"):
        (versions / name / "products/cpi").mkdir(parents=True)
        for page in ("index.html", "products/cpi/index.html", MARK):
            (versions / name / page).write_text(name, encoding="utf-8")
    target = tmp_path / "public"
    switch(target, versions / "a")
    for delay in (0.001, 0.003, 0.007, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.13):
        proc = subprocess.Popen([sys.executable, "-c", SWITCHER, str(target),
                                 str(versions / "a"), str(versions / "b")],
                                stdout=subprocess.PIPE, cwd=Path(__file__).parent.parent)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert complete(target), f"killed after {delay} s of switching"


@pytest.mark.slow
def test_the_log_keeps_one_clock(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A publish run at a moment given by SOURCE_DATE_EPOCH logs its switch on that clock:
    # the moment plus the time the publish took, never today's wall-clock time beside it.
    moment = dt.datetime(2026, 1, 6, 9, 0, 5, tzinfo=dt.UTC)  # a moment past
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    entry = read_log(versions_dir(target) / "publish-log.jsonl")[-1]
    assert entry.switched is not None
    assert moment <= entry.switched <= moment + dt.timedelta(minutes=5), entry.switched
