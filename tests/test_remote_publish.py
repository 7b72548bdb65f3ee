"""Publishing to a server over SSH with rsync, switched atomically on the server."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import pytest

from generator.publish.run import MARK, PublishError, publish, rollback
from tests.servers import sshd

pytestmark = [pytest.mark.server, pytest.mark.slow]  # sshd on loopback, publishes


def test_rsync_over_ssh_publishes_and_switches_atomically(minimal: Path, tmp_path: Path) -> None:
    remote = tmp_path / "server/srv/phobien/public"
    remote.parent.mkdir(parents=True)
    with sshd(tmp_path / "sshd") as (port, ssh):
        target = f"ssh://{getpass.getuser()}@127.0.0.1:{port}{remote}"
        first = publish(minimal / "mkdocs.yml", target, ssh=ssh).version
        assert remote.is_symlink()
        assert os.readlink(remote).endswith(first)
        assert (remote / MARK).is_file() and (remote / "products/cpi/index.html").is_file()
        cpi = minimal / "catalog/products/cpi.yml"
        cpi.write_text(cpi.read_text(encoding="utf-8").replace(
            "Chỉ số giá tiêu dùng", "Chỉ số giá tiêu dùng (mới)"), encoding="utf-8")
        second = publish(minimal / "mkdocs.yml", target, ssh=ssh).version
        assert os.readlink(remote).endswith(second)
        page = (remote / "products/cpi/index.html").read_text(encoding="utf-8")
        assert "Chỉ số giá tiêu dùng (mới)" in page
        versions = remote.parent / ".public.versions"
        assert sorted(p.name for p in versions.iterdir()) == sorted([first, second])
        # unchanged files are hard links to the previous version: cheap on the server
        assert (versions / first / "assets/phobien.css").stat().st_ino == \
            (versions / second / "assets/phobien.css").stat().st_ino
        assert rollback(target, ssh=ssh, config_file=minimal / "mkdocs.yml") == first
        assert os.readlink(remote).endswith(first)
        assert "(mới)" not in (remote / "products/cpi/index.html").read_text(encoding="utf-8")


def test_a_remote_rollback_re_verifies_what_it_brings_back(minimal: Path, tmp_path: Path) -> None:
    remote = tmp_path / "server/srv/phobien/public"
    remote.parent.mkdir(parents=True)
    with sshd(tmp_path / "sshd") as (port, ssh):
        target = f"ssh://{getpass.getuser()}@127.0.0.1:{port}{remote}"
        publish(minimal / "mkdocs.yml", target, ssh=ssh)
        second = publish(minimal / "mkdocs.yml", target, ssh=ssh, force=True).version
        # A product made restricted since: the earlier version shows it, so it stays off.
        product = minimal / "catalog/products/nien-giam.yml"
        product.write_text(product.read_text(encoding="utf-8").replace(
            "access: public", "access: restricted"), encoding="utf-8")
        with pytest.raises(PublishError, match=r"not returning to .*: it fails verification"):
            rollback(target, ssh=ssh, config_file=minimal / "mkdocs.yml")
        assert os.readlink(remote).endswith(second)


def test_a_changed_version_on_the_server_is_reported_and_replaced(minimal: Path,
                                                                  tmp_path: Path) -> None:
    remote = tmp_path / "server/srv/phobien/public"
    remote.parent.mkdir(parents=True)
    with sshd(tmp_path / "sshd") as (port, ssh):
        target = f"ssh://{getpass.getuser()}@127.0.0.1:{port}{remote}"
        first = publish(minimal / "mkdocs.yml", target, ssh=ssh).version
        page = remote / "products/cpi/index.html"
        page.write_text("defaced", encoding="utf-8")
        # Nothing changed in the catalog, yet the served version is not what was sealed.
        again = publish(minimal / "mkdocs.yml", target, ssh=ssh)
        assert again.replaced == [("products/cpi/index.html", "changed")]
        assert again.version != first and os.readlink(remote).endswith(again.version)
        assert "defaced" not in page.read_text(encoding="utf-8")
