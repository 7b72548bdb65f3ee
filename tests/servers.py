"""Real servers for the tests, started on loopback ports and stopped afterwards."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def nginx(root: Path, work: Path) -> Iterator[int]:
    """nginx serving ``root`` with the shipped deploy/nginx.conf server block."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    server = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    server = re.sub(r"listen\s+80;", f"listen 127.0.0.1:{port};", server)
    server = re.sub(r"root\s+[^;]+;", f"root {root};", server)
    temp = "".join(
        f"{name}_temp_path {work / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{temp}{server}\n}}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [binary, "-c", str(work / "nginx.conf"), "-p", str(work)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        try:
            wait_port(port)
        except TimeoutError:
            proc.terminate()
            raise RuntimeError(proc.communicate(timeout=20)[1].decode()) from None
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@contextmanager
def sshd(work: Path) -> Iterator[tuple[int, str]]:
    """An sshd on a loopback port that lets the current user in with a fresh key.

    Yields the port and the ssh command (with its options) to reach it.
    """
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    host_key, user_key = work / "host_key", work / "user_key"
    for key in (host_key, user_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                       check=True)
    (work / "authorized_keys").write_text((work / "user_key.pub").read_text())
    os.chmod(work / "authorized_keys", 0o600)
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
    (work / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
        f"AuthorizedKeysFile {work / 'authorized_keys'}\nPidFile {work / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nPermitRootLogin prohibit-password\n"
        f"Subsystem sftp internal-sftp\n"
    )
    proc = subprocess.Popen([shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f",
                             str(work / "sshd_config")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ssh = (f"ssh -i {user_key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
           "-o BatchMode=yes -o LogLevel=ERROR")
    try:
        try:
            wait_port(port)
        except TimeoutError:
            proc.terminate()
            raise RuntimeError(proc.communicate(timeout=20)[1].decode()) from None
        yield port, ssh
    finally:
        proc.terminate()
        proc.wait(timeout=20)
