"""The one clock: every part of the build that depends on "now" asks here.

Release times, the embargo, feed windows and the sitemap's dates all read the moment
this module resolves, so that a site can be built as of any moment (a staff preview, a
test, a reproducible rebuild) and no part of it disagrees with another about the time.

Order of precedence: an explicit ``--as-of`` (``phobien serve --as-of`` carries it into
MkDocs' preview server as ``PHOBIEN_AS_OF``), then ``SOURCE_DATE_EPOCH`` (the
reproducible-builds convention, which MkDocs itself also honours), then the system time.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from generator.words.staff import CLOCK as CLOCK_WORDS

Source = Literal["as-of", "SOURCE_DATE_EPOCH", "system"]
PREVIEW_TOLERANCE = dt.timedelta(minutes=1)


class ClockError(ValueError):
    """An ``--as-of`` value that cannot be read as a moment. ``str()`` is English, for
    logs; ``text(lang)`` is what staff read."""

    def __init__(self, code: str, value: str) -> None:
        self.code, self.value = code, value
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        words = CLOCK_WORDS[self.code]
        return (words.get(lang) or words["en"]).format(value=self.value)


@dataclass(frozen=True)
class Clock:
    now: dt.datetime  # always time-zone aware
    source: Source
    # A build for ``phobien publish --at``: as of a moment to come, sealed away from the
    # web server until then and switched in at that moment. Not a preview: no banner, and
    # the vintages of the releases due then are frozen, as the first build after them would.
    scheduled: bool = False
    # When the clock was read (time.monotonic()): a process's later moments on this clock
    # are ``now`` plus the time elapsed since, whatever the clock's source.
    started: float = field(default_factory=time.monotonic, compare=False)

    @property
    def epoch(self) -> int:
        return int(self.now.timestamp())

    @property
    def preview(self) -> bool:
        """A moment still to come shows releases before their time: a staff preview,
        which must never be published."""
        return not self.scheduled and self.now > dt.datetime.now(dt.UTC) + PREVIEW_TOLERANCE


def parse_moment(text: str, zone: ZoneInfo) -> dt.datetime:
    """Read an ISO 8601 moment; without a zone it is the office's time.

    >>> parse_moment("2026-12-06T09:00", ZoneInfo("Asia/Ho_Chi_Minh")).isoformat()
    '2026-12-06T09:00:00+07:00'
    >>> parse_moment("2026-12-06", ZoneInfo("Asia/Ho_Chi_Minh")).isoformat()
    '2026-12-06T00:00:00+07:00'
    """
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ClockError("bad-moment", text) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def resolve(as_of: str | dt.datetime | None, zone: ZoneInfo) -> Clock:
    """The moment the site is built as of, in the office's time zone."""
    if isinstance(as_of, dt.datetime):
        moment = as_of if as_of.tzinfo else as_of.replace(tzinfo=zone)
        return Clock(moment.astimezone(zone), "as-of")
    if as_of:
        return Clock(parse_moment(as_of, zone), "as-of")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return Clock(dt.datetime.fromtimestamp(int(epoch), zone), "SOURCE_DATE_EPOCH")
        except ValueError as exc:
            raise ClockError("bad-epoch", epoch) from exc
    return Clock(dt.datetime.now(zone).replace(microsecond=0), "system")
