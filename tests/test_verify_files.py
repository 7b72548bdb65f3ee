"""The per-file checks (generator/verify/files.py) run in spawned workers that load only
what they use: no pandas, no pyarrow (about 100 MB and half a second a worker)."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

from generator import workers
from generator.verify.files import check_file
from tests.conftest import ROOT

HEAVY = {"pandas", "pyarrow", "openpyxl", "numpy", "PIL"}
STATUS = "[line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')]"


def test_a_verification_worker_loads_no_pandas(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<html><body><p id="a"><a href="#a">x</a></p></body></html>',
                    encoding="utf-8")
    check = functools.partial(check_file, site=tmp_path, host="example.org", needles=["/x"])
    # One worker: the question about its modules goes to the process that ran the check.
    with workers.pool(1) as pool:
        result = pool.submit(check, page).result()
        modules = pool.submit(eval, "sorted(__import__('sys').modules)").result()
        peak_kb = pool.submit(eval, STATUS).result()
    assert result.failures == [] and result.ids == {"a"}
    assert "generator.verify.files" in modules  # the real task ran there
    assert HEAVY.isdisjoint(m.split(".")[0] for m in modules)
    if sys.platform.startswith("linux"):  # 31 MB measured; 129 MB with pandas
        assert int(peak_kb[0]) < 80_000, peak_kb


def test_the_command_loads_no_pandas_until_a_command_needs_it() -> None:
    """A worker spawned by the ``phobien`` script runs that script again, which imports
    ``generator.cli``: the command's module must be as light as a worker needs."""
    code = ("import sys, generator.cli, generator.verify\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout
