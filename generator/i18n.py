"""Words and formats of the site's two languages.

Numbers, prices and dates go through Babel (CLDR data), never hand-written patterns of
separators: ``150.000 ₫`` and ``06/12/2026`` in Vietnamese, ``₫150,000`` and
``6 December 2026`` in English.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.dates import get_timezone_location as _babel_zone_location
from babel.dates import get_timezone_name as _babel_zone_name
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent

from generator.words.site import LATENESS_UNITS, MONTH_IN_TEXT, UI, VALUES

LOCALES = {"vi": "vi_VN", "en": "en_GB"}




def t(key: str, lang: str, **params: object) -> str:
    """An interface word in ``lang``."""
    text = UI[key][lang]
    return text.format(**params) if params else text


def value_label(kind: str, value: object, lang: str) -> str:
    """The label of a fixed catalog value, such as ``cycle: monthly`` → ``Hằng tháng``."""
    key = str(value).lower() if isinstance(value, bool) else str(value)
    return VALUES[kind][key][lang]


def format_price(amount: int | None, lang: str) -> str:
    """A price in VND the way each language writes it; no price means free.

    >>> format_price(150000, "vi"), format_price(150000, "en"), format_price(None, "vi")
    ('150.000\\xa0₫', '₫150,000', 'Miễn phí')
    """
    if not amount:
        return t("free", lang)
    return str(format_currency(amount, "VND", locale=LOCALES[lang]))


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """A number as its readers write it; with ``decimals``, exactly that many, rounded
    half up as statisticians and spreadsheets do (Babel alone would round half even).

    >>> format_number(1234.5, "vi", 2), format_number(1234.5, "en", 2)
    ('1.234,50', '1,234.50')
    >>> format_number(103.85, "vi", 1), format_number(107, "vi", 1), format_number(-0.04, "en", 1)
    ('103,9', '107,0', '0.0')
    """
    if decimals is None:
        return str(format_decimal(value, locale=LOCALES[lang]))
    # repr is the shortest text that reads back as the float: 103.85, not 103.8499999...
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if exact.is_zero():
        exact = abs(exact)  # no "-0,0"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(exact, format=pattern, locale=LOCALES[lang]))


def format_percent(share: float, lang: str) -> str:
    """A share as a percentage.

    >>> format_percent(0.875, "vi"), format_percent(0.875, "en")
    ('88%', '88%')
    """
    return str(_babel_percent(share, locale=LOCALES[lang]))


def format_date(day: dt.date, lang: str) -> str:
    """A date: ``06/12/2026`` in Vietnamese, ``6 December 2026`` in English.

    >>> format_date(dt.date(2026, 12, 6), "vi"), format_date(dt.date(2026, 12, 6), "en")
    ('06/12/2026', '6 December 2026')
    """
    pattern = "dd/MM/yyyy" if lang == "vi" else "long"
    return str(_babel_date(day, pattern, locale=LOCALES[lang]))


def format_time(moment: dt.datetime | dt.time, lang: str) -> str:
    return str(_babel_time(moment, "short", locale=LOCALES[lang]))


def format_day(day: dt.date, lang: str) -> str:
    """A date with its weekday, for a calendar's day headings.

    >>> format_day(dt.date(2026, 12, 7), "vi"), format_day(dt.date(2026, 12, 7), "en")
    ('Thứ Hai, 07/12/2026', 'Monday 7 December 2026')
    """
    pattern = "EEEE, dd/MM/yyyy" if lang == "vi" else "EEEE d MMMM y"
    return str(_babel_date(day, pattern, locale=LOCALES[lang]))


def format_month(year: int, month: int, lang: str) -> str:
    """The name of a month.

    >>> format_month(2026, 12, "vi"), format_month(2026, 12, "en")
    ('tháng 12/2026', 'December 2026')
    """
    day = dt.date(year, month, 1)
    if lang == "vi":
        digits = _babel_date(day, "MM/yyyy", locale=LOCALES[lang])
        return MONTH_IN_TEXT[lang].format(month=digits)
    return str(_babel_date(day, "LLLL y", locale=LOCALES[lang]))


def format_month_name(year: int, month: int, lang: str) -> str:
    """A month's name without its year, for a list of the months of one year.

    >>> format_month_name(2026, 1, "vi"), format_month_name(2026, 1, "en")
    ('Tháng 1', 'January')
    """
    name = str(_babel_date(dt.date(year, month, 1), "LLLL", locale=LOCALES[lang]))
    return name[:1].upper() + name[1:]


def utc_offset(moment: dt.datetime) -> str:
    """The offset from UTC of an aware moment, as readers write it.

    >>> from zoneinfo import ZoneInfo
    >>> utc_offset(dt.datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    'UTC+7'
    >>> utc_offset(dt.datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Asia/Kolkata")))
    'UTC+5:30'
    >>> utc_offset(dt.datetime(2026, 7, 7, 9, tzinfo=ZoneInfo("America/New_York")))
    'UTC−4'
    """
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_name(moment: dt.datetime, lang: str) -> str:
    """The name readers know a moment's time zone by, from CLDR (Babel): the zone's
    abbreviation where the language has one in common use (``CET``), else the name of
    its country's time (``giờ Việt Nam``, ``Vietnam Time``)."""
    short = str(_babel_zone_name(moment, "short", locale=LOCALES[lang]))
    if re.fullmatch(r"[A-Z]{2,5}", short):
        return short
    tz = moment.tzinfo
    name = str(_babel_zone_location(tz, locale=LOCALES[lang]))
    return name[:1].lower() + name[1:] if lang == "vi" else name


def format_lateness(seconds: float, lang: str) -> str:
    """How late a release went out, to the whole second: a switch 0.4 s after the
    announced time is on the second. Units from the largest one that is not zero.

    >>> format_lateness(0.42, "vi"), format_lateness(0.42, "en")
    ('0 giây', '0 s')
    >>> format_lateness(2.9, "vi"), format_lateness(2.9, "en")
    ('+2 giây', '+2 s')
    >>> format_lateness(3 * 3600 + 5, "vi"), format_lateness(3 * 3600 + 5, "en")
    ('+3 giờ 0 phút 5 giây', '+3 h 0 min 5 s')
    """
    whole = int(abs(seconds))  # whole seconds: floor, never rounding up to "late"
    if whole == 0:
        return f"0 {LATENESS_UNITS[-1][1][lang]}"
    parts: list[str] = []
    for size, unit in LATENESS_UNITS:
        count, whole = divmod(whole, size)
        if count or parts:
            parts.append(f"{count} {unit[lang]}")
    return ("+" if seconds > 0 else "\u2212") + " ".join(parts)


def format_clock(moment: dt.datetime, lang: str, short: bool = False) -> str:
    """A time of day with its zone: in full in running text and on a release's own page,
    its offset alone on a list's rows (``short``).

    >>> from zoneinfo import ZoneInfo
    >>> m = dt.datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    >>> format_clock(m, "vi"), format_clock(m, "en")
    ('09:00 (giờ Việt Nam, UTC+7)', '09:00 (Vietnam Time, UTC+7)')
    >>> format_clock(m, "vi", short=True)
    '09:00 (UTC+7)'
    >>> format_clock(dt.datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Europe/Paris")), "en")
    '09:00 CET (UTC+1)'
    """
    clock = format_time(moment, lang)
    offset = utc_offset(moment)
    if short:
        return f"{clock} ({offset})"
    name = zone_name(moment, lang)
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return f"{clock} {name} ({offset})"
    return f"{clock} ({name}, {offset})"


def format_when(
    day: dt.date | None,
    time: dt.time | None,
    month: str | None,
    lang: str,
    *,
    zone: dt.tzinfo,
    short: bool = False,
) -> str:
    """A release's timing as readers expect it: a date and a time in ``zone`` (the
    site's), which every time shown carries; a date alone; or a provisional month.

    >>> from zoneinfo import ZoneInfo
    >>> vn = ZoneInfo("Asia/Ho_Chi_Minh")
    >>> format_when(dt.date(2027, 2, 11), dt.time(9), None, "vi", zone=vn)
    '11/02/2027 09:00 (giờ Việt Nam, UTC+7)'
    >>> format_when(dt.date(2027, 2, 11), dt.time(9), None, "en", zone=vn, short=True)
    '11 February 2027, 09:00 (UTC+7)'
    """
    if day is None:
        year, mon = (int(x) for x in (month or "1970-01").split("-"))
        return t("month_provisional", lang, month=format_month(year, mon, lang))
    text = format_date(day, lang)
    if time is not None:
        moment = dt.datetime.combine(day, time, tzinfo=zone)
        text += (" " if lang == "vi" else ", ") + format_clock(moment, lang, short)
    return text
