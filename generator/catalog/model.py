"""The catalog's data model: what each YAML file may say, as typed pydantic models.

Strict models: YAML gives real numbers, booleans and dates, so a quoted "true" or an
unquoted phone number is a mistake to report, not something to coerce silently. Problems
are turned into staff messages by ``validation``; cross-file checks live in ``catalog``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.text import is_slug

LANGUAGES = ("vi", "en")
Language = Literal["vi", "en"]
Completeness = Literal["estimate", "preliminary", "official", "revised"]
Form = Literal["print", "pdf", "spreadsheet", "web-table", "data-file", "infographic"]
Cycle = Literal[
    "monthly", "quarterly", "six-monthly", "nine-monthly", "annual", "multi-year", "irregular"
]
Dissemination = Literal["press-conference", "website", "print", "press-release", "social-media"]
Access = Literal["public", "on-request", "restricted"]
PeriodKind = Literal["month", "quarter", "half", "nine-months", "year"]
CalendarStatus = Literal["draft", "approved"]
AdjustmentType = Literal["moved", "cancelled", "added"]
MONTH = re.compile(r"(\d{4})-(\d{2})")


def _slug(value: str) -> str:
    if not is_slug(value):
        raise PydanticCustomError("bad_slug", "bad slug")
    return value


Slug = Annotated[str, AfterValidator(_slug)]


def _time_of_day(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise PydanticCustomError("bad_time", "bad time")
    return dt.time(int(match[1]), int(match[2]))


def _moment(value: Any) -> dt.datetime:
    """A moment such as ``2027-01-20 10:00``; without a zone it is the office's time,
    applied when releases are planned."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("bad_moment", "bad moment")


def _month(value: Any) -> str:
    match = MONTH.fullmatch(value) if isinstance(value, str) else None
    if match is None or not 1 <= int(match[2]) <= 12:
        raise PydanticCustomError("bad_month", "bad month")
    return str(value)


TimeOfDay = Annotated[dt.time, BeforeValidator(_time_of_day)]
Moment = Annotated[dt.datetime, BeforeValidator(_moment)]
Month = Annotated[str, BeforeValidator(_month)]


class _Model(BaseModel):
    # Strict: YAML gives real ints, bools and dates, so a quoted "true" or an unquoted
    # phone number is a mistake to report, not something to coerce silently.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(_Model):
    """A text in the site's languages. ``get`` falls back to Vietnamese."""

    vi: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        value = getattr(self, lang, None) or self.vi or self.en
        return value or ""


class Office(_Model):
    name: Text
    short_name: Text
    description: Text
    # For the office's administrative documents (the calendar's annex, its notices), in
    # the national format of Decree 30/2020/ND-CP: the body above the office (its first
    # heading line), the place they are dated at, and the office's abbreviation in their
    # numbers ("CTK" in 215/QĐ-CTK). None of them is shown on the site.
    parent: Text | None = None
    place: Text | None = None
    abbreviation: str | None = None


class Contact(_Model):
    address: Text
    phone: str | None = None
    email: str | None = None
    hours: Text | None = None


class Site(_Model):
    office: Office
    languages: Annotated[list[Language], Field(min_length=1)]
    timezone: str = "Asia/Ho_Chi_Minh"
    contact: Contact

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Audience(_Model):
    id: Slug
    name: Text
    description: Text | None = None


class MediaContact(_Model):
    """The person journalists call about a product's releases ("Liên hệ báo chí")."""

    name: Text
    role: Text | None = None  # e.g. "Trưởng phòng Thống kê Kinh tế"
    phone: str | None = None
    email: str | None = None


class Unit(_Model):
    id: Slug
    name: Text
    email: str | None = None
    phone: str | None = None
    media_contact: MediaContact | None = None  # for the products of this unit


class Topic(_Model):
    id: Slug
    name: Text
    description: Text | None = None


NonEmpty = Field(min_length=1)


class ReleaseRule(_Model):
    """When a periodic product is released: "day N of the month after the period"."""

    period: PeriodKind  # the reference period: month, quarter, half, nine-months, year
    day: Annotated[int, Field(ge=1, le=31)]
    months_after: Annotated[int, Field(ge=0, le=36)] = 1  # 1: the month after the period
    time: TimeOfDay | None = None  # none: a date without a time
    completeness: Completeness | None = None  # needed when the product has several
    start: str | None = None  # first reference period, e.g. "2026-01", "2026-q1", "2026"
    # Only these halves (1-2), quarters (1-4) or months (1-12) of each year: a "6 tháng
    # đầu năm" report is a half-year rule for the first half only, [1].
    only: Annotated[list[int], NonEmpty] | None = None


class Discontinued(_Model):
    """A product that stops: its page stays (its past releases and data), marked, with
    no release planned from ``since`` on; ``successor`` is the product that carries on."""

    since: dt.date
    successor: Slug | None = None
    reason: Text


class Product(_Model):
    """A statistical product with every field Decision 34 asks for."""

    id: Slug
    name: Text
    content: Text  # nội dung chủ yếu
    source: Text  # nguồn thông tin biên soạn
    completeness: Annotated[list[Completeness], NonEmpty]  # mức độ hoàn chỉnh
    form: Annotated[list[Form], NonEmpty]  # dạng sản phẩm
    language: Annotated[list[Language], NonEmpty]  # ngôn ngữ
    periodic: bool
    cycle: Cycle  # chu kỳ biên soạn
    dissemination: Annotated[list[Dissemination], NonEmpty]  # hình thức phổ biến
    unit: Slug  # đơn vị chịu trách nhiệm phổ biến
    media_contact: MediaContact | None = None  # overrides the unit's
    price: Annotated[int, Field(ge=0)] | None = None  # đơn giá, VND; absent means free
    other: Text | None = None  # các thông tin cơ bản khác
    audiences: Annotated[list[Slug], NonEmpty]
    topics: Annotated[list[Slug], NonEmpty]
    access: Access
    obtain: Text | None = None  # how to obtain an on-request product
    releases: list[ReleaseRule] = []  # release rules of a periodic product
    # The datasets whose headline figures the product's release pages state; by default
    # its own. A report names other products' datasets (the monthly report: CPI, IIP...).
    headlines: list[Slug] | None = None
    # Addresses that never break: the ids this product was published under before (it
    # was renamed, or they were merged into it); their addresses lead here.
    formerly: list[Slug] = []
    discontinued: Discontinued | None = None


class ScheduledRelease(_Model):
    """A release listed by date in a calendar (non-periodic products, or added ones)."""

    product: Slug
    period: Slug  # "2027", "2027-q1", or any slug for a one-off ("ket-qua-so-bo")
    completeness: Completeness
    date: dt.date | None = None
    time: TimeOfDay | None = None
    month: Month | None = None  # only the month is known yet: a provisional window
    title: Text | None = None  # what is released, when the product's name is not enough


class Approval(_Model):
    approver: Text
    date: dt.date
    decision: str  # the number of the approving decision, e.g. "125/QĐ-CTK"


class Adjustment(_Model):
    """A change to an approved calendar. Never edited away: history is kept."""

    type: AdjustmentType
    release: str | None = None  # the release moved or cancelled, e.g. "cpi/2027-01"
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    time: TimeOfDay | None = None
    announced: Moment
    reason: Text
    add: ScheduledRelease | None = None  # the release an "added" adjustment adds


class Calendar(_Model):
    """One year's release calendar with its approval and adjustments."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    status: CalendarStatus
    approval: Approval | None = None
    prepared: dt.date | None = None  # when a draft was drawn up (approved: approval.date)
    days_off: list[dt.date] = []  # extra days off the government declares
    working_days: list[dt.date] = []  # Saturdays or Sundays declared working days
    releases: list[ScheduledRelease] = []
    adjustments: list[Adjustment] = []


# --- release notes ---------------------------------------------------------------------


class Attachment(_Model):
    """A file of ``catalog/`` published with a release (a PDF bulletin, a press release)."""

    file: str  # a path inside catalog/, e.g. documents/cpi-2026-10.pdf
    title: Text


class Correction(_Model):
    """A correction notice: when it was announced, what was wrong, what changed."""

    announced: Moment
    wrong: Text
    changed: Text


class ReleaseNote(_Model):
    """What staff add to one release (``catalog/releases/<any name>.yml``): its main
    points, its documents and its correction notices. Nothing of it is public before
    the release's time."""

    release: str  # the release's identifier, e.g. "cpi/2026-10"
    main_points: Text | None = None
    documents: list[Attachment] = []
    corrections: list[Correction] = []


# --- datasets --------------------------------------------------------------------------

# "completeness" names the release of each row (estimate, preliminary, official, revised):
# a table with such a column holds several releases of one period (see ``embargo``).
ColumnType = Literal["string", "code", "integer", "number", "date", "period", "completeness"]
ChartType = Literal["line", "bar"]
NumberFormat = Literal["plain", "vietnamese"]
COLUMN_ID = re.compile(r"[a-z][a-z0-9_]*")

# The symbols of Vietnamese statistical tables, read as typed missing values.
STANDARD_MISSING: dict[str, dict[str, str]] = {
    "-": {"vi": "Không có số liệu (hiện tượng không phát sinh)", "en": "Nil (no such case)"},
    "..": {"vi": "Chưa có số liệu", "en": "Not available"},
    "x": {"vi": "Số liệu bảo mật, không công bố", "en": "Suppressed for confidentiality"},
}


def _column_id(value: str) -> str:
    if not COLUMN_ID.fullmatch(value):
        raise PydanticCustomError("bad_column_id", "bad column id")
    return value


ColumnId = Annotated[str, AfterValidator(_column_id)]
MAX_DECIMALS = 6


def _decimals(value: Any) -> int:
    # bool is an int to Python: "decimals: true" is a mistake, not one decimal.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DECIMALS:
        raise PydanticCustomError("bad_decimals", "bad number of decimals")
    return value


Decimals = Annotated[int, BeforeValidator(_decimals)]


class Column(_Model):
    """One column of a dataset: where it comes from, what it is called, what it holds."""

    source: str  # the column's header in the source table, as written there
    id: ColumnId  # the column's name in the outputs: lowercase, digits, underscores
    label: Text
    type: ColumnType  # "code" is text that looks like a number: 01 stays 01
    unit: Text | None = None
    note: Text | None = None
    # How many decimals pages and charts show (downloads keep every digit); by default
    # the most the column's published values carry, so that a column is always even.
    decimals: Decimals | None = None


class Source(_Model):
    """A source table in ``catalog/``: CSV (UTF-8) or XLSX."""

    file: str  # a path inside catalog/, e.g. sources/cpi.csv
    sheet: str | None = None  # the sheet of an XLSX file (default: the first)
    numbers: NumberFormat = "plain"  # "vietnamese": 9.061 is nine thousand, 76,88 is 76.88
    header_row: Annotated[int, Field(ge=1)] = 1  # the line of the column headers


class Chart(_Model):
    type: ChartType
    x: ColumnId
    y: Annotated[list[ColumnId], Field(min_length=1, max_length=6)]
    title: Text | None = None


Comparison = Literal["previous", "year-ago"]
Measure = Literal["level", "change-on-previous", "change-on-year-ago"]
ChangeKind = Literal["percent", "points"]


class Headline(_Model):
    """A figure a release page states first, in numbers and in words: "CPI tháng 10/2026
    giảm 0,26% so với tháng trước và tăng 3,44% so với cùng kỳ năm trước"."""

    column: ColumnId  # a number column of the dataset
    name: Text  # how a sentence names the figure: "CPI", "Chỉ số sản xuất công nghiệp"
    unit: Text | None = None  # default: the column's unit
    decimals: Decimals | None = None  # default: the column's shown decimals
    # What the column holds: a level (an index, an amount) or already a change, as a
    # growth rate over the same period a year earlier is.
    measure: Measure = "level"
    compare: list[Comparison] = []  # the changes computed from a level, in this order
    change: ChangeKind = "percent"  # a rate's change is in percentage points
    # Which row, when the table has several a period (a district column): column → value
    where: dict[ColumnId, str] = {}


class Dataset(_Model):
    """A downloadable table built at publish time from a source table."""

    id: Slug
    product: Slug
    title: Text
    description: Text
    source: Source
    period: ColumnId  # the column holding each row's reference period (2026-11, 2026-q3)
    columns: Annotated[list[Column], Field(min_length=1)]
    sort: list[ColumnId] = []
    missing: dict[str, Text] | None = None  # symbol → meaning; default: -, .., x
    notes: Text | None = None
    chart: Chart | None = None
    headlines: list[Headline] = []
    formerly: list[Slug] = []  # the ids this dataset was published under before

    @property
    def completeness(self) -> Column | None:
        """The column naming each row's release, if the table holds several a period."""
        return next((c for c in self.columns if c.type == "completeness"), None)

    def missing_symbols(self) -> dict[str, Text]:
        if self.missing is not None:
            return self.missing
        return {k: Text(**v) for k, v in STANDARD_MISSING.items()}
