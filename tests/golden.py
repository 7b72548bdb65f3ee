"""Golden files: expected text kept beside the tests. PHOBIEN_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
# A diff longer than this is cut: the first lines show what changed.
DIFF_LINES = 200


def assert_golden(name: str, actual: str) -> None:
    """``actual`` is the text of ``golden/<name>``, byte for byte (line endings too: an
    iCalendar file's are CRLF). On a difference, the message is a unified diff."""
    path = GOLDEN / name
    if os.environ.get("PHOBIEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        # Built here rather than left to pytest, whose diff of two long texts is slow.
        diff = list(difflib.unified_diff(expected.splitlines(keepends=True),
                                         actual.splitlines(keepends=True),
                                         f"golden/{name}", "actual"))
        cut = diff[:DIFF_LINES] + ([f"... {len(diff) - DIFF_LINES} more lines\n"]
                                   if len(diff) > DIFF_LINES else [])
        raise AssertionError(f"{name} differs from its golden file "
                             f"(PHOBIEN_UPDATE_GOLDEN=1 rewrites it):\n{''.join(cut)}")
