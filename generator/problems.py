"""Problems found in the catalog: a stable code, a place, and a message in the staff's language.

Every check collects problems into a list instead of raising at the first one, so that a
statistician fixing the catalog sees everything that is wrong in one run. The CLI and the
MkDocs plugin format the same list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

Lang = str  # "vi" or "en"

# One template per code and language. Codes are kebab-case and never change: staff and
# tests refer to them. Placeholders are filled from Problem.params.
MESSAGES: dict[str, dict[Lang, str]] = {
    "invalid-yaml": {
        "vi": "không đọc được tệp YAML: {detail}",
        "en": "this is not valid YAML: {detail}",
    },
    "duplicate-key": {
        "vi": "khóa '{key}' xuất hiện hai lần trong cùng một mục",
        "en": "the key '{key}' appears twice in the same mapping",
    },
    "missing-file": {
        "vi": "thiếu tệp bắt buộc của danh mục",
        "en": "this required catalog file is missing",
    },
    "unknown-key": {
        "vi": "khóa không hợp lệ '{key}'. Các khóa được phép: {allowed}",
        "en": "unknown key '{key}'. Allowed keys: {allowed}",
    },
    "missing-field": {
        "vi": "thiếu trường bắt buộc '{key}'",
        "en": "the required field '{key}' is missing",
    },
    "wrong-type": {
        "vi": "giá trị {value} không đúng kiểu: cần {expected}",
        "en": "the value {value} has the wrong type: expected {expected}",
    },
    "bad-value": {
        "vi": "giá trị {value} không hợp lệ. Giá trị được phép: {allowed}",
        "en": "the value {value} is not allowed. Allowed values: {allowed}",
    },
    "bad-slug": {
        "vi": "mã '{value}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch "
        "ngang, tối đa 80 ký tự (ví dụ: bao-cao-kt-xh-thang)",
        "en": "the identifier '{value}' is not valid: use lowercase ASCII letters, digits and "
        "hyphens only, at most 80 characters (for example: bao-cao-kt-xh-thang)",
    },
    "id-file-mismatch": {
        "vi": "mã '{value}' phải trùng với tên tệp '{expected}'",
        "en": "the identifier '{value}' must match the file name '{expected}'",
    },
    "duplicate-id": {
        "vi": "mã '{value}' đã được dùng tại {other}",
        "en": "the identifier '{value}' is already used at {other}",
    },
    "unknown-reference": {
        "vi": "{kind} '{value}' không tồn tại. Các mã đã khai báo: {allowed}",
        "en": "unknown {kind} '{value}'. Declared: {allowed}",
    },
    "missing-translation": {
        "vi": "thiếu bản dịch '{lang}' (trang web có các ngôn ngữ: {allowed})",
        "en": "the '{lang}' translation is missing (the site's languages are: {allowed})",
    },
    "empty-text": {
        "vi": "nội dung không được để trống",
        "en": "this text must not be empty",
    },
    "empty-list": {
        "vi": "danh sách phải có ít nhất một mục",
        "en": "this list needs at least one entry",
    },
    "cycle-periodic-mismatch": {
        "vi": "sản phẩm {which} không thể có chu kỳ '{value}'",
        "en": "a {which} product cannot have the cycle '{value}'",
    },
    "obtain-required": {
        "vi": "sản phẩm cung cấp theo yêu cầu (on-request) phải có trường 'obtain' nói cách "
        "nhận sản phẩm",
        "en": "an on-request product needs an 'obtain' field saying how to get it",
    },
    "bad-timezone": {
        "vi": "múi giờ '{value}' không tồn tại (ví dụ đúng: Asia/Ho_Chi_Minh)",
        "en": "unknown time zone '{value}' (for example: Asia/Ho_Chi_Minh)",
    },
    "bad-time": {
        "vi": 'giờ {value} không hợp lệ: viết dạng GG:PP, ví dụ "09:00"',
        "en": 'the time {value} is not valid: write HH:MM, for example "09:00"',
    },
    "bad-moment": {
        "vi": "thời điểm {value} không hợp lệ: viết dạng YYYY-MM-DD HH:MM",
        "en": "the moment {value} is not valid: write YYYY-MM-DD HH:MM",
    },
    "control-character": {
        "vi": "văn bản có một ký tự điều khiển không nhìn thấy ({code}), thường do dán từ "
        "tệp khác: hãy xóa ký tự đó",
        "en": "the text holds an invisible control character ({code}), often pasted from "
        "another file: delete it",
    },
    "bad-date": {
        "vi": "ngày {value} không có thật (ví dụ: ngày 30 tháng 2, hay giờ 25:00): viết một "
        "ngày có trên lịch, dạng YYYY-MM-DD",
        "en": "the date {value} does not exist (such as 30 February, or 25:00): write a "
        "real date as YYYY-MM-DD",
    },
    "bad-month": {
        "vi": 'tháng {value} không hợp lệ: viết dạng YYYY-MM, ví dụ "2027-05"',
        "en": 'the month {value} is not valid: write YYYY-MM, for example "2027-05"',
    },
    "approval-required": {
        "vi": "lịch đã phê duyệt (status: approved) phải có mục 'approval' (người duyệt, "
        "ngày, số quyết định)",
        "en": "an approved calendar (status: approved) needs 'approval' (approver, date, "
        "decision number)",
    },
    "calendar-date-required": {
        "vi": "lịch dự thảo phải có ngày lập 'prepared' (hoặc mục 'approval')",
        "en": "a draft calendar needs the date it was 'prepared' (or an 'approval')",
    },
    "timing-required": {
        "vi": "cần ghi đúng một trong hai: 'date' (ngày) hoặc 'month' (tháng dự kiến); "
        "'time' chỉ đi cùng 'date'",
        "en": "give exactly one of 'date' or 'month' (a provisional month); 'time' goes "
        "with 'date' only",
    },
    "completeness-required": {
        "vi": "sản phẩm có nhiều mức độ hoàn chỉnh: mỗi quy tắc phổ biến phải ghi "
        "'completeness' ({allowed})",
        "en": "this product has several completeness levels: each release rule needs "
        "'completeness' ({allowed})",
    },
    "restricted-in-calendar": {
        "vi": "sản phẩm '{value}' là sản phẩm hạn chế (restricted), không được đưa vào lịch "
        "phổ biến công khai",
        "en": "the product '{value}' is restricted and cannot be in a public release calendar",
    },
    "outside-calendar-year": {
        "vi": "ngày {value} nằm ngoài năm của lịch ({year})",
        "en": "the date {value} is outside the calendar's year ({year})",
    },
    "duplicate-release": {
        "vi": "đợt phổ biến '{value}' đã có trong lịch",
        "en": "the release '{value}' is already in the calendar",
    },
    "unknown-release": {
        "vi": "không có đợt phổ biến '{value}' trong lịch năm {year}",
        "en": "there is no release '{value}' in the {year} calendar",
    },
    "adjustment-conflict": {
        "vi": "điều chỉnh mâu thuẫn với '{value}': {detail}",
        "en": "this adjustment conflicts with '{value}': {detail}",
    },
    "move-to-day-off": {
        "vi": "không thể dời sang ngày {value}: đó là {why}",
        "en": "cannot move the release to {value}: it is {why}",
    },
    "bad-column-id": {
        "vi": "tên cột '{value}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu "
        "gạch dưới, bắt đầu bằng chữ (ví dụ: ma_tinh)",
        "en": "the column name '{value}' is not valid: use lowercase ASCII letters, digits and "
        "underscores, starting with a letter (for example: province_code)",
    },
    "bad-decimals": {
        "vi": "số chữ số thập phân {value} không hợp lệ: cần một số nguyên từ 0 đến {high} "
        "(ví dụ: decimals: 1 để hiện 103,9)",
        "en": "the number of decimals {value} is not valid: expected a whole number from 0 to "
        "{high} (for example: decimals: 1 to show 103.9)",
    },
    "source-outside-catalog": {
        "vi": "tệp nguồn '{value}' nằm ngoài thư mục catalog/: chỉ dùng đường dẫn bên trong "
        "catalog/ (không dùng '..', đường dẫn tuyệt đối hay liên kết ra ngoài)",
        "en": "the source file '{value}' is outside catalog/: use a path inside catalog/ (no "
        "'..', no absolute path, no link pointing outside)",
    },
    "file-outside-catalog": {
        "vi": "tệp này là liên kết trỏ ra ngoài thư mục catalog/: phobien chỉ đọc tệp nằm "
        "trong catalog/",
        "en": "this file is a link pointing outside catalog/: phobien reads files inside "
        "catalog/ only",
    },
    "missing-source": {
        "vi": "không tìm thấy tệp nguồn '{value}'",
        "en": "the source file '{value}' does not exist",
    },
    "bad-source": {
        "vi": "không đọc được tệp nguồn '{value}': {detail}",
        "en": "the source file '{value}' cannot be read: {detail}",
    },
    "unknown-column": {
        "vi": "bảng nguồn không có cột '{value}'. Các cột có trong bảng: {allowed}",
        "en": "the source table has no column '{value}'. Its columns: {allowed}",
    },
    "unknown-dataset-column": {
        "vi": "'{value}' không phải là cột đã khai báo của bộ dữ liệu. Các cột: {allowed}",
        "en": "'{value}' is not a declared column of this dataset. Columns: {allowed}",
    },
    "bad-cell": {
        "vi": "ô '{value}' ở cột '{column}' không phải là {expected}, cũng không phải ký hiệu "
        "thiếu số liệu ({symbols})",
        "en": "the cell '{value}' in column '{column}' is not {expected}, nor a missing-value "
        "symbol ({symbols})",
    },
    "ragged-row": {
        "vi": "dòng có {cells} ô nhưng dòng tiêu đề (dòng {header_line}) có {width} cột{detail}",
        "en": "the row has {cells} cells but the header line (line {header_line}) has {width} "
        "columns{detail}",
    },
    "bad-workbook": {
        "vi": "tệp nguồn '{value}' không phải là sổ tính Excel (.xlsx) đọc được: tệp bị hỏng, "
        "bị cắt cụt khi chép, hoặc là tệp .xls cũ đổi đuôi ({detail})",
        "en": "the source file '{value}' is not a readable Excel workbook (.xlsx): it is "
        "damaged, was cut short when copied, or is an old .xls file renamed ({detail})",
    },
    "unknown-sheet": {
        "vi": "sổ tính không có trang tính '{value}'. Các trang tính có trong tệp: {allowed}",
        "en": "the workbook has no sheet '{value}'. Its sheets: {allowed}",
    },
    "header-row-beyond-end": {
        "vi": "header_row là {value} nhưng bảng chỉ có {rows} dòng: dòng tiêu đề phải là một "
        "dòng của bảng",
        "en": "header_row is {value} but the table has only {rows} rows: the header line must "
        "be one of them",
    },
    "figures-unknown-release": {
        "vi": "số liệu kỳ '{period}' mức độ '{completeness}' không thuộc đợt phổ biến nào trong "
        "lịch: sản phẩm '{product}' không có đợt phổ biến '{release}'. Các mức độ của kỳ này "
        "trong lịch: {allowed}",
        "en": "the figures of period '{period}' at completeness '{completeness}' belong to no "
        "release in the calendars: the product '{product}' has no release '{release}'. This "
        "period's completeness levels in the calendars: {allowed}",
    },
    "figures-cancelled-release": {
        "vi": "số liệu kỳ '{period}' mức độ '{completeness}' thuộc đợt phổ biến '{release}' đã "
        "bị hủy nên không bao giờ được công bố: xóa các dòng này hoặc ghi mức độ của một đợt "
        "phổ biến khác",
        "en": "the figures of period '{period}' at completeness '{completeness}' belong to the "
        "release '{release}', which is cancelled, so they can never be published: remove "
        "these rows or give them the completeness of another release",
    },
    "two-completeness-columns": {
        "vi": "bộ dữ liệu chỉ được có một cột kiểu 'completeness' (cột ghi đợt phổ biến của "
        "từng dòng); cột '{value}' là cột thứ hai",
        "en": "a dataset may have only one column of type 'completeness' (the column naming "
        "each row's release); '{value}' is a second one",
    },
    "reserved-column": {
        "vi": "tên cột '{value}' được dành cho bảng số liệu qua các đợt phổ biến "
        "(revisions.csv); hãy đặt tên khác",
        "en": "the column name '{value}' is kept for the table of figures at each release "
        "(revisions.csv); choose another name",
    },
    "empty-table": {
        "vi": "bảng nguồn '{value}' không có số liệu: {detail}",
        "en": "the source table '{value}' holds no figures: {detail}",
    },
    "dataset-not-public": {
        "vi": "sản phẩm '{value}' không công khai ({access}): không thể có bộ dữ liệu tải về",
        "en": "the product '{value}' is not public ({access}): it cannot have downloadable data",
    },
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the catalog, with where it is."""

    code: str
    file: str
    line: int | None = None
    field: str = ""
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def message(self, lang: Lang = "vi") -> str:
        template = MESSAGES[self.code].get(lang) or MESSAGES[self.code]["en"]
        # A parameter may itself be bilingual (``{"vi": ..., "en": ...}``), such as the
        # name of an expected type.
        params = {
            k: (v.get(lang) or v.get("en")) if isinstance(v, Mapping) else v
            for k, v in self.params.items()
        }
        return template.format(**params)

    def location(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where} {self.field}".rstrip()

    def format(self, lang: Lang = "vi") -> str:
        """``catalog/products/cpi.yml:12 audiences[1]: unknown audience 'x'. ...``"""
        return f"{self.location()}: {self.message(lang)} [{self.code}]"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field, self.code)


class CatalogError(Exception):
    """The catalog has problems; carries all of them, never only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report("en"))

    def report(self, lang: Lang = "vi") -> str:
        header = {
            "vi": f"Danh mục có {len(self.problems)} lỗi:",
            "en": f"The catalog has {len(self.problems)} problem(s):",
        }.get(lang, "")
        return "\n".join([header, *(f"  {p.format(lang)}" for p in self.problems)])


def field_path(loc: Iterable[str | int]) -> str:
    """Render a location such as ``("audiences", 1)`` as ``audiences[1]``.

    >>> field_path(["office", "name", "vi"])
    'office.name.vi'
    >>> field_path(["audiences", 1])
    'audiences[1]'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
