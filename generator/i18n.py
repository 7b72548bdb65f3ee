"""Words and formats of the site's two languages.

Numbers, prices and dates go through Babel (CLDR data), never hand-written patterns of
separators: ``150.000 ₫`` and ``06/12/2026`` in Vietnamese, ``₫150,000`` and
``6 December 2026`` in English.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_currency, format_decimal

LOCALES = {"vi": "vi_VN", "en": "en_GB"}
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

# Interface words. Every key must exist in both languages (tests check it).
UI: dict[str, dict[str, str]] = {
    "home": {"vi": "Trang chủ", "en": "Home"},
    "products": {"vi": "Sản phẩm thống kê", "en": "Statistical products"},
    "all_products": {"vi": "Tất cả sản phẩm", "en": "All products"},
    "audiences": {"vi": "Đối tượng sử dụng", "en": "Audience groups"},
    "topics": {"vi": "Chủ đề", "en": "Topics"},
    "about": {"vi": "Giới thiệu", "en": "About"},
    "periodic": {"vi": "Sản phẩm định kỳ", "en": "Periodic products"},
    "non_periodic": {"vi": "Sản phẩm không định kỳ", "en": "Non-periodic products"},
    "none_listed": {"vi": "Chưa có sản phẩm nào.", "en": "No products yet."},
    "product_count": {"vi": "{n} sản phẩm", "en": "{n} products"},
    "field_name": {"vi": "Tên sản phẩm", "en": "Name"},
    "field_content": {"vi": "Nội dung chủ yếu", "en": "Main content"},
    "field_source": {"vi": "Nguồn thông tin biên soạn", "en": "Source"},
    "field_completeness": {"vi": "Mức độ hoàn chỉnh của thông tin", "en": "Completeness"},
    "field_form": {"vi": "Dạng sản phẩm", "en": "Form"},
    "field_language": {"vi": "Ngôn ngữ", "en": "Language"},
    "field_cycle": {"vi": "Chu kỳ biên soạn", "en": "Cycle"},
    "field_periodic": {"vi": "Loại sản phẩm", "en": "Type"},
    "field_dissemination": {"vi": "Hình thức phổ biến", "en": "Dissemination"},
    "field_unit": {"vi": "Đơn vị chịu trách nhiệm phổ biến", "en": "Responsible unit"},
    "field_price": {"vi": "Đơn giá sản phẩm", "en": "Price"},
    "field_other": {"vi": "Các thông tin cơ bản khác", "en": "Other information"},
    "field_audiences": {"vi": "Đối tượng sử dụng", "en": "Audience groups"},
    "field_topics": {"vi": "Chủ đề", "en": "Topics"},
    "field_access": {"vi": "Hình thức cung cấp", "en": "Access"},
    "free": {"vi": "Miễn phí", "en": "Free of charge"},
    "details": {"vi": "Thông tin sản phẩm", "en": "Product details"},
    "how_to_obtain": {"vi": "Cách nhận sản phẩm", "en": "How to obtain this product"},
    "on_request_note": {
        "vi": "Sản phẩm này được cung cấp theo yêu cầu, không có tệp tải về trên trang web.",
        "en": "This product is provided on request; there are no downloads on this site.",
    },
    "contact": {"vi": "Liên hệ", "en": "Contact"},
    "address": {"vi": "Địa chỉ", "en": "Address"},
    "phone": {"vi": "Điện thoại", "en": "Phone"},
    "email": {"vi": "Thư điện tử", "en": "E-mail"},
    "hours": {"vi": "Giờ làm việc", "en": "Office hours"},
    "browse_by_audience": {
        "vi": "Tra cứu theo đối tượng sử dụng",
        "en": "Browse by audience group",
    },
    "browse_by_topic": {"vi": "Tra cứu theo chủ đề", "en": "Browse by topic"},
    "index_intro": {
        "vi": "Danh mục sản phẩm thống kê của {office}, theo Quyết định 34/2013/QĐ-TTg.",
        "en": "The catalog of statistical products of the {office}, as required by "
        "Decision 34/2013/QĐ-TTg.",
    },
    "products_of_topic": {"vi": "Sản phẩm thuộc chủ đề này", "en": "Products on this topic"},
}

# Labels of the catalog's fixed values, one mapping per field.
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "completeness": {
        "estimate": {"vi": "Ước tính", "en": "Estimate"},
        "preliminary": {"vi": "Sơ bộ", "en": "Preliminary"},
        "official": {"vi": "Chính thức", "en": "Official"},
        "revised": {"vi": "Điều chỉnh", "en": "Revised"},
    },
    "form": {
        "print": {"vi": "Ấn phẩm in", "en": "Printed publication"},
        "pdf": {"vi": "Tệp PDF", "en": "PDF"},
        "spreadsheet": {"vi": "Bảng tính", "en": "Spreadsheet"},
        "web-table": {"vi": "Bảng số liệu trên trang web", "en": "Web table"},
        "data-file": {"vi": "Tệp dữ liệu", "en": "Data file"},
        "infographic": {"vi": "Đồ họa thông tin", "en": "Infographic"},
    },
    "language": {
        "vi": {"vi": "Tiếng Việt", "en": "Vietnamese"},
        "en": {"vi": "Tiếng Anh", "en": "English"},
    },
    "cycle": {
        "monthly": {"vi": "Hằng tháng", "en": "Monthly"},
        "quarterly": {"vi": "Hằng quý", "en": "Quarterly"},
        "six-monthly": {"vi": "6 tháng", "en": "Six-monthly"},
        "nine-monthly": {"vi": "9 tháng", "en": "Nine-monthly"},
        "annual": {"vi": "Hằng năm", "en": "Annual"},
        "multi-year": {"vi": "Nhiều năm một lần", "en": "Every few years"},
        "irregular": {"vi": "Không định kỳ", "en": "Irregular"},
    },
    "periodic": {
        "true": {"vi": "Định kỳ", "en": "Periodic"},
        "false": {"vi": "Không định kỳ", "en": "Non-periodic"},
    },
    "dissemination": {
        "press-conference": {"vi": "Họp báo", "en": "Press conference"},
        "website": {"vi": "Trang thông tin điện tử", "en": "Website"},
        "print": {"vi": "Ấn phẩm", "en": "Print"},
        "press-release": {"vi": "Thông cáo báo chí", "en": "Press release"},
        "social-media": {"vi": "Mạng xã hội", "en": "Social media"},
    },
    "access": {
        "public": {"vi": "Công khai", "en": "Public"},
        "on-request": {"vi": "Cung cấp theo yêu cầu", "en": "On request"},
        "restricted": {"vi": "Hạn chế", "en": "Restricted"},
    },
}


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


def format_number(value: float, lang: str) -> str:
    return str(format_decimal(value, locale=LOCALES[lang]))


def format_date(day: dt.date, lang: str) -> str:
    """A date: ``06/12/2026`` in Vietnamese, ``6 December 2026`` in English.

    >>> format_date(dt.date(2026, 12, 6), "vi"), format_date(dt.date(2026, 12, 6), "en")
    ('06/12/2026', '6 December 2026')
    """
    pattern = "dd/MM/yyyy" if lang == "vi" else "long"
    return str(_babel_date(day, pattern, locale=LOCALES[lang]))


def format_time(moment: dt.datetime | dt.time, lang: str) -> str:
    return str(_babel_time(moment, "short", locale=LOCALES[lang]))
