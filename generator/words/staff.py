"""Every word that staff read, in Vietnamese and English: the catalog's problems, what a
source table's cell may hold, the commands' messages and the publish's steps.

For translators: read it top to bottom; each entry is a key and its text in each
language. ``{name}`` marks a value filled in by the code: keep it as it is. A problem's
code (the key of ``MESSAGES``) never changes: staff and tests refer to it.
"""

from __future__ import annotations

from typing import Any

# From generator/problems.py.
# One template per code and language. Codes are kebab-case and never change: staff and
# tests refer to them. Placeholders are filled from Problem.params.
MESSAGES: dict[str, dict[str, str]] = {
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
    "out-of-range": {
        "vi": "giá trị {value} nằm ngoài khoảng cho phép: cần {expected}",
        "en": "the value {value} is out of range: expected {expected}",
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
        # {allowed}: the site's languages, or a product's own (a product in Vietnamese
        # only needs no English).
        "vi": "thiếu chữ bằng ngôn ngữ '{lang}' (cần có chữ bằng: {allowed})",
        "en": "the '{lang}' text is missing (texts are needed in: {allowed})",
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
    "only-out-of-range": {
        "vi": "kỳ {value} không có trong năm: quy tắc theo {kind} chỉ nhận các số từ 1 "
        "đến {high}",
        "en": "there is no {value} in a year: a rule by {kind} takes the numbers 1 to {high}",
    },
    "only-whole-year": {
        "vi": "quy tắc theo {kind} có một kỳ mỗi năm: bỏ 'only' đi",
        "en": "a rule by {kind} has one period a year: leave out 'only'",
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
    # A notice, not an error: the dataset's other files are written.
    "not-a-cube": {
        "vi": "bảng không sắp thành khối số liệu nên không có tệp PX, JSON-stat, SDMX-CSV: "
        "{reason}",
        "en": "the table does not form a cube, so it has no PX, JSON-stat or SDMX-CSV file: "
        "{reason}",
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
    "headline-not-a-number": {
        "vi": "số liệu nổi bật phải lấy từ một cột số (kiểu 'number' hoặc 'integer'); cột "
        "'{value}' có kiểu '{type}'",
        "en": "a headline figure must come from a number column (type 'number' or "
        "'integer'); column '{value}' is of type '{type}'",
    },
    "headline-compare-change": {
        "vi": "cột '{value}' đã là mức tăng (measure: {measure}): không so sánh thêm được, "
        "hãy bỏ trường 'compare'",
        "en": "column '{value}' already is a change (measure: {measure}): it cannot be "
        "compared again; remove the 'compare' field",
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
    # From generator/catalog/succession.py: renamed, merged, discontinued products.
    "formerly-still-live": {
        "vi": "'{value}' vẫn là mã của một {kind} trong danh mục: chỉ ghi vào 'formerly' mã "
        "cũ đã bỏ (xóa tệp của {kind} cũ, hoặc bỏ mã này khỏi 'formerly')",
        "en": "'{value}' is still the id of a {kind} in the catalog: 'formerly' names only "
        "ids no longer in use (remove the old {kind}'s file, or this id from 'formerly')",
    },
    "formerly-claimed": {
        "vi": "mã cũ '{value}' đã được ghi trong 'formerly' tại {other}: một địa chỉ cũ chỉ "
        "dẫn tới một {kind}",
        "en": "the old id '{value}' is already in 'formerly' at {other}: an old address can "
        "lead to one {kind} only",
    },
    "restricted-formerly": {
        "vi": "sản phẩm '{value}' là sản phẩm hạn chế (restricted): địa chỉ công khai cũ "
        "không được dẫn tới nó; bỏ 'formerly'",
        "en": "the product '{value}' is restricted: old public addresses cannot lead to it; "
        "remove 'formerly'",
    },
    "unknown-successor": {
        "vi": "không có sản phẩm kế tiếp '{value}'. Các sản phẩm: {allowed}",
        "en": "there is no successor product '{value}'. Products: {allowed}",
    },
    "restricted-successor": {
        "vi": "sản phẩm kế tiếp '{value}' là sản phẩm hạn chế (restricted): trang công khai "
        "không được dẫn tới nó",
        "en": "the successor '{value}' is restricted: a public page cannot link to it",
    },
    "successor-cycle": {
        "vi": "các sản phẩm kế tiếp quay vòng ({value}): sản phẩm cuối cùng phải là sản "
        "phẩm còn tiếp tục",
        "en": "the successors go round in a circle ({value}): the last one must be a product "
        "that carries on",
    },
    "release-after-discontinued": {
        "vi": "sản phẩm '{value}' ngừng từ ngày {since}: không thể có đợt phổ biến '{release}' "
        "sau ngày đó",
        "en": "the product '{value}' is discontinued from {since}: it cannot have the "
        "release '{release}' after that date",
    },
    "dataset-not-public": {
        "vi": "sản phẩm '{value}' không công khai ({access}): không thể có bộ dữ liệu tải về",
        "en": "the product '{value}' is not public ({access}): it cannot have downloadable data",
    },
    "duplicate-release-note": {
        "vi": "đợt phổ biến '{value}' đã có ghi chú tại {other}: mỗi đợt chỉ một tệp ghi chú",
        "en": "the release '{value}' already has a note at {other}: one note file a release",
    },
    "unknown-release-note": {
        "vi": "không có đợt phổ biến '{value}' trong lịch. Các đợt của sản phẩm '{product}': "
        "{allowed}",
        "en": "there is no release '{value}' in the calendars. The releases of the product "
        "'{product}': {allowed}",
    },
    "documents-not-public": {
        "vi": "sản phẩm '{value}' không công khai ({access}): đợt phổ biến của nó không thể có "
        "tài liệu đính kèm",
        "en": "the product '{value}' is not public ({access}): its releases cannot have "
        "documents",
    },
    "document-outside-catalog": {
        "vi": "tài liệu '{value}' nằm ngoài thư mục catalog/: chỉ dùng đường dẫn bên trong "
        "catalog/ (không dùng '..', đường dẫn tuyệt đối hay liên kết ra ngoài)",
        "en": "the document '{value}' is outside catalog/: use a path inside catalog/ (no "
        "'..', no absolute path, no link pointing outside)",
    },
    "missing-document": {
        "vi": "không tìm thấy tài liệu '{value}' (đường dẫn tính từ thư mục catalog/)",
        "en": "the document '{value}' does not exist (paths start from the catalog/ folder)",
    },
    "bad-document-name": {
        "vi": "tên tệp '{value}' không dùng được làm địa chỉ: chỉ dùng chữ thường không dấu, "
        "chữ số, dấu gạch ngang, gạch dưới và phần đuôi (ví dụ: cpi-2026-10.pdf); không dùng "
        "index.html, event.ics, cite.bib, cite.ris hay cite.csl.json",
        "en": "the file name '{value}' cannot be an address: use lowercase ASCII letters, "
        "digits, hyphens, underscores and an extension (for example: cpi-2026-10.pdf); not "
        "index.html, event.ics, cite.bib, cite.ris or cite.csl.json",
    },
    "duplicate-document-name": {
        "vi": "đợt phổ biến này đã có một tài liệu tên '{value}': hai tệp sẽ trùng một địa chỉ",
        "en": "this release already has a document named '{value}': the two would share one "
        "address",
    },
    "correction-before-release": {
        "vi": "đính chính công bố lúc {value}, trước giờ phổ biến của đợt ({release}): chỉ "
        "đính chính được số liệu đã công bố",
        "en": "the correction is announced at {value}, before the release's time ({release}): "
        "only what has been released can be corrected",
    },
}

# From generator/catalog/validation.py.
YAML_EXPECTED: dict[str, dict[str, str]] = {
    "string_type": {"vi": "văn bản", "en": "text"},
    "int_type": {"vi": "số nguyên", "en": "a whole number"},
    "bool_type": {"vi": "true hoặc false", "en": "true or false"},
    "list_type": {
        "vi": "một danh sách (các dòng bắt đầu bằng '- ')",
        "en": "a list (lines starting with '- ')",
    },
    "model_type": {
        "vi": "một mục gồm các khóa (khóa: giá trị)",
        "en": "a mapping of keys (key: value)",
    },
    "dict_type": {
        "vi": "một mục gồm các khóa (khóa: giá trị)",
        "en": "a mapping of keys (key: value)",
    },
    "date_type": {"vi": "một ngày (YYYY-MM-DD)", "en": "a date (YYYY-MM-DD)"},
    "datetime_type": {
        "vi": "ngày giờ (YYYY-MM-DD HH:MM)",
        "en": "a date and time (YYYY-MM-DD HH:MM)",
    },
    "other": {"vi": "một giá trị hợp lệ (xem hướng dẫn cho cán bộ)", "en": "a valid value"},
}
# pydantic's limits, by the kind of its error: {ge} and the like are the limit.
YAML_BOUNDS: dict[str, dict[str, str]] = {
    "greater_than_equal": {"vi": "một số từ {ge} trở lên", "en": "a number of {ge} or more"},
    "greater_than": {"vi": "một số lớn hơn {gt}", "en": "a number above {gt}"},
    "less_than_equal": {"vi": "một số không quá {le}", "en": "a number of at most {le}"},
    "less_than": {"vi": "một số nhỏ hơn {lt}", "en": "a number below {lt}"},
    "too_long": {"vi": "nhiều nhất {max_length} mục", "en": "at most {max_length} entries"},
    "string_too_long": {"vi": "nhiều nhất {max_length} ký tự",
                        "en": "at most {max_length} characters"},
}

# From generator/catalog/load.py.
REFERENCE_KINDS = {
    "product": {"vi": "sản phẩm", "en": "product"},
    "audience": {"vi": "đối tượng", "en": "audience"},
    "unit": {"vi": "đơn vị", "en": "unit"},
    "topic": {"vi": "chủ đề", "en": "topic"},
    "dataset": {"vi": "bộ dữ liệu", "en": "dataset"},
}

# From generator/releases/plan.py.
CONFLICTS = {
    "exists": {
        "vi": "đợt phổ biến này đã có trong lịch",
        "en": "this release is already in the calendar",
    },
    "cancelled": {
        "vi": "đợt phổ biến này đã bị hủy trước đó",
        "en": "this release was cancelled by an earlier adjustment",
    },
    "same-time": {
        "vi": "hai điều chỉnh của cùng một đợt phổ biến có cùng thời điểm công bố",
        "en": "two adjustments of this release were announced at the same moment",
    },
}

# From generator/outputs/datasets/reader.py.
# What a cell of each type may hold, by column type, or by type and the source's
# ``numbers`` (how the table writes numbers: the message shows the form it expects).
CELL_EXPECTED: dict[Any, dict[str, str]] = {
    "completeness": {
        "vi": "một mức độ hoàn chỉnh (ước tính, sơ bộ, chính thức, điều chỉnh)",
        "en": "a completeness level (estimate, preliminary, official, revised)"},
    "period": {"vi": "một kỳ báo cáo (2026-11, 2026-q3, 2026-h1, 2026-9m, 2026)",
               "en": "a reference period (2026-11, 2026-q3, 2026-h1, 2026-9m, 2026)"},
    "integer": {"vi": "một số nguyên", "en": "a whole number"},
    "number": {"vi": "một số", "en": "a number"},
    "date": {"vi": "một ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
             "en": "a date (YYYY-MM-DD or DD/MM/YYYY)"},
    ("integer", "plain"): {"vi": "một số nguyên viết như 1234 (numbers: plain)",
                           "en": "a whole number written as 1234 (numbers: plain)"},
    ("integer", "vietnamese"): {"vi": "một số nguyên viết như 1.234 (numbers: vietnamese)",
                                "en": "a whole number written as 1.234 (numbers: vietnamese)"},
    ("number", "plain"): {"vi": "một số viết như 1234.5 (numbers: plain)",
                          "en": "a number written as 1234.5 (numbers: plain)"},
    ("number", "vietnamese"): {"vi": "một số viết như 1.234,5 (numbers: vietnamese)",
                               "en": "a number written as 1.234,5 (numbers: vietnamese)"},
}

# From generator/cli.py.
COMMANDS = {
    "published": {"vi": "Đã xuất bản phiên bản {version} vào {target}/. Xem thử: "
                  "python3 -m http.server -d {target} rồi mở http://127.0.0.1:8000/",
                  "en": "Published version {version} to {target}/. To view it: "
                  "python3 -m http.server -d {target}, then open http://127.0.0.1:8000/"},
    "newly": {"vi": "Công bố lần đầu: ", "en": "Released for the first time: "},
    "more": {"vi": " … và {count} đợt khác (đủ cả trong nhật ký xuất bản)",
             "en": " … and {count} more (all of them in the publish log)"},
    "unchanged": {"vi": "Không có gì thay đổi và chưa đến giờ phổ biến nào: trang web đang "
                  "công bố được giữ nguyên.",
                  "en": "Nothing changed and no release fell due: the published site is "
                  "left as it is."},
    "next": {"vi": "Đợt phổ biến tiếp theo: {when} ({iso}). Cần xuất bản lại vào lúc đó.",
             "en": "Next release: {when} ({iso}). Publish again at that moment."},
    "no_next": {"vi": "Không còn đợt phổ biến nào trong lịch.",
                "en": "No more releases in the calendars."},
    "failed": {"vi": "Xuất bản thất bại, trang web đang công bố không thay đổi.\n",
               "en": "Publishing failed; the published site is unchanged.\n"},
    "within_alone": {"vi": "--within chỉ dùng cùng --at (ví dụ --at next --within 30m).",
                     "en": "--within goes with --at only (for example --at next --within "
                     "30m)."},
    "at_as_of": {"vi": "--at và --as-of không dùng cùng nhau: --at xuất bản vào đúng thời "
                 "điểm đó, --as-of chỉ dựng bản xem trước.",
                 "en": "--at and --as-of do not go together: --at publishes at that "
                 "moment, --as-of only builds a preview."},
    "bad_within": {"vi": "'{value}' không phải một khoảng thời gian (ví dụ 30m, 1h, 90s).",
                   "en": "'{value}' is not a duration (for example 30m, 1h, 90s)."},
    "bad_at": {"vi": "'{value}' không phải một thời điểm ISO 8601 (ví dụ 2026-12-06T09:00) "
               "và cũng không phải 'next'.",
               "en": "'{value}' is neither an ISO 8601 moment (for example "
               "2026-12-06T09:00) nor 'next'."},
    "preview_target": {"vi": "--as-of dựng một bản xem trước cho cán bộ, không bao giờ "
                       "được công bố: bỏ --target đi, bản xem trước nằm ở preview/.",
                       "en": "--as-of builds a staff preview, which is never published to "
                       "a target. Leave out --target: the preview goes to preview/."},
    "preview": {"vi": "Bản xem trước lúc {when} ở preview/ (không công bố).",
                "en": "Preview as of {when} in preview/ (not published)."},
    "served": {"vi": "Không dựng vào {folder}: thư mục này là, chứa, hoặc nằm trong trang "
               "đang công bố {target} (hay các phiên bản của nó). Bản dựng ghi đè tại chỗ, "
               "không qua kiểm tra, và bản xem trước --as-of sẽ để lộ số liệu trước giờ phổ "
               "biến. Hãy chọn thư mục khác (ví dụ --site-dir preview); để công bố, dùng "
               "phobien publish.",
               "en": "Not building into {folder}: it is, holds or lies inside the published "
               "site {target} (or its versions). A build writes in place, unverified, and a "
               "--as-of preview would show figures before their release. Choose another "
               "folder (for example --site-dir preview); to publish, use phobien publish."},
    "served_tmp": {"vi": "Không chạy bản xem trước: thư mục tạm {folder} (biến TMPDIR) là, "
                   "chứa, hoặc nằm trong trang đang công bố {target}. Hãy đặt TMPDIR ra "
                   "ngoài nơi công bố.",
                   "en": "Not serving a preview: the temporary folder {folder} (TMPDIR) is, "
                   "holds or lies inside the published site {target}. Set TMPDIR to a folder "
                   "outside it."},
}

# From generator/publish/run.py.
STEP_TIME = {"vi": "{seconds} giây", "en": "{seconds} s"}  # how long a step took
STEPS = {
    "check": {"vi": "kiểm tra danh mục", "en": "check the catalog"},
    "build": {"vi": "dựng trang web, lịch đăng ký và dữ liệu",
              "en": "build the site, its feeds and datasets"},
    "verify": {"vi": "kiểm tra bản dựng", "en": "verify the build"},
    "switch": {"vi": "chuyển trang đang công bố sang bản mới",
               "en": "switch the published site"},
    "unchanged": {"vi": "không có gì thay đổi, chưa đến giờ phổ biến nào: giữ nguyên trang",
                  "en": "nothing changed and no release fell due: the site stays as it is"},
    "tampered": {"vi": "CẢNH BÁO: phiên bản đang công bố {version} khác với bản kê của nó "
                 "({count} tệp: {files}); một phiên bản mới, đã kiểm tra, sẽ thay nó",
                 "en": "WARNING: the served version {version} differs from its manifest "
                 "({count} files: {files}); a fresh, verified version replaces it"},
    "damaged_log": {"vi": "CẢNH BÁO: {count} dòng hỏng trong {log} đã được chuyển sang "
                    "{aside}; nhật ký tiếp tục",
                    "en": "WARNING: {count} damaged lines of {log} were set aside in "
                    "{aside}; the log goes on"},
    "recovered": {"vi": "ghi bổ sung vào nhật ký lần chuyển phiên bản {version} của một "
                  "lần xuất bản bị dừng ngay sau khi chuyển",
                  "en": "logged the switch to {version} of a publish stopped right after "
                  "it switched"},
}

# From generator/publish/scheduled.py.
AT = {
    "past": {"vi": "{when} đã qua: xuất bản ngay bây giờ",
             "en": "{when} has passed: publishing now"},
    "none": {"vi": "lịch không còn đợt phổ biến nào: xuất bản ngay bây giờ",
             "en": "no release to come in the calendars: publishing now"},
    "beyond": {"vi": "đợt phổ biến tiếp theo ({when}) còn xa hơn {within}: xuất bản "
               "bình thường ngay bây giờ",
               "en": "the next release ({when}) is more than {within} away: a plain "
               "publish now"},
    "waiting_already": {"vi": "phiên bản cho {when} đã được dựng sẵn và đang chờ (tiến "
                        "trình {pid}): lần này chỉ xuất bản bình thường",
                        "en": "the version for {when} is already built and waiting "
                        "(process {pid}): this run only publishes as usual"},
    "prebuilt": {"vi": "đã dựng sẵn, kiểm tra và niêm phong phiên bản {version} cho {when}, "
                 "cất ngoài thư mục công bố (chỉ người sở hữu đọc được); chờ đến đúng giờ",
                 "en": "built, verified and sealed {version} for {when}, kept outside "
                 "the published folder (its owner alone can read it); waiting for the "
                 "moment"},
    "changed": {"vi": "danh mục, trang viết tay hoặc mã đã thay đổi từ khi dựng sẵn "
                "phiên bản cho {when}: bỏ phiên bản đó và dựng lại; đợt phổ biến có thể "
                "lên trang muộn, nhưng chỉ với nội dung đã kiểm tra",
                "en": "the catalog, the pages or the code changed since the version for "
                "{when} was built: it is thrown away and the site built again; the "
                "release may go out late, but only as verified"},
    "late_rebuild": {"vi": "{when} đã qua trong khi dựng lại: xuất bản ngay bây giờ",
                     "en": "{when} passed while building again: publishing now"},
    "switched": {"vi": "đã chuyển sang {version} lúc {at}, sau {when} {late:.3f} giây",
                 "en": "switched to {version} at {at}, {late:.3f} s after {when}"},
}

# From generator/publish/seal.py.
# How each kind of difference reads, in the staff's two languages.
SEAL = {
    "changed": {"vi": "đã bị sửa", "en": "changed"},
    "missing": {"vi": "bị mất", "en": "missing"},
    "added": {"vi": "thêm vào", "en": "added"},
    "no-manifest": {"vi": "không có bản kê, hoặc bản kê không đọc được (phiên bản xuất bản "
                    "trước khi các phiên bản được niêm phong?)",
                    "en": "no manifest, or an unreadable one (a version published before "
                    "versions were sealed?)"},
}


# From generator/catalog/load.py: what a product says it is, in a mismatch of
# ``periodic`` and ``cycle``.
PERIODIC = {
    True: {"vi": "định kỳ", "en": "periodic"},
    False: {"vi": "không định kỳ", "en": "non-periodic"},
}

# From generator/cli.py.
# A release rule's kind of period, as a message about its 'only' names it.
PERIOD_KINDS = {
    "month": {"vi": "tháng", "en": "month"},
    "quarter": {"vi": "quý", "en": "quarter"},
    "half": {"vi": "nửa năm (6 tháng)", "en": "half-year"},
    "nine-months": {"vi": "9 tháng", "en": "nine months"},
    "year": {"vi": "năm", "en": "year"},
}
ERROR_PREFIX = {"vi": "Lỗi", "en": "Error"}
CATALOG_VALID = {
    "vi": "Danh mục hợp lệ: {products} sản phẩm ({public} hiển thị công khai).",
    "en": "The catalog is valid: {products} products ({public} shown publicly).",
}

# From generator/publish/: why a publish or a rollback stopped, the published site
# untouched. ``{name}`` values are filled in by the code.
PUBLISH = {
    "disk-full": {
        "vi": "đĩa đã đầy ({where}). Phiên bản dở dang đã được xoá; hãy giải phóng chỗ trống "
        "rồi xuất bản lại.",
        "en": "the disk is full ({where}). The partial version was removed; free some space "
        "and publish again.",
    },
    "read-only": {
        "vi": "không ghi được vào {where}: {reason} (hệ thống tệp chỉ đọc, hoặc không có quyền "
        "ghi). Không có gì bị thay đổi.",
        "en": "cannot write to {where}: {reason} (a read-only file system, or no permission). "
        "Nothing was changed.",
    },
    "system": {
        "vi": "{reason} ({where}). Không có gì bị thay đổi.",
        "en": "{reason} ({where}). Nothing was changed.",
    },
    "busy": {
        "vi": "một lần xuất bản khác vào cùng nơi đang chạy ({holder}); đã chờ {waited} giây. "
        "Công việc của nó được giữ nguyên; hãy thử lại khi nó xong.",
        "en": "another publish of this target is running ({holder}); waited {waited} s. Its "
        "work was left alone; try again when it is done.",
    },
    "unknown-holder": {"vi": "không rõ tiến trình", "en": "unknown process"},
    # From generator/publish/run.py, with generator/verify/addresses.py: an address the
    # live version served would be gone.
    "dropped": {
        "vi": "phiên bản mới bỏ mất {count} địa chỉ mà trang đang phục vụ; người đọc, liên "
        "kết và lịch đăng ký đang dùng chúng.\n"
        "Các địa chỉ bị mất:\n{addresses}\nCần thêm vào danh mục:\n{hints}",
        "en": "the new version drops {count} addresses the site serves now; readers, links "
        "and calendar subscriptions use them.\n"
        "Addresses dropped:\n{addresses}\nWhat to add to the catalog:\n{hints}",
    },
    "dropped-product": {
        "vi": "sản phẩm '{id}': nếu đổi mã hoặc gộp vào sản phẩm khác, ghi 'formerly: [{id}]' "
        "trong tệp catalog/products/ của sản phẩm thay thế; nếu ngừng phổ biến, giữ lại "
        "tệp catalog/products/{id}.yml và ghi 'discontinued' trong đó",
        "en": "product '{id}': if it was renamed or merged into another, write "
        "'formerly: [{id}]' in the catalog/products/ file of the product that replaces it; "
        "if it stops, keep catalog/products/{id}.yml and write 'discontinued' in it",
    },
    "dropped-merged": {
        "vi": "sản phẩm '{id}' đã có trong 'formerly', nhưng sản phẩm mới không có đợt nào ứng "
        "với các địa chỉ này (các kỳ khác nhau): thay vì 'formerly', giữ lại tệp "
        "catalog/products/{id}.yml và ghi 'discontinued' với 'successor' (trang và các đợt "
        "cũ còn nguyên)",
        "en": "product '{id}' is in 'formerly', but the new product has no release for these "
        "addresses (other periods): instead of 'formerly', keep catalog/products/{id}.yml "
        "and write 'discontinued' with a 'successor' in it (its page and past releases stay)",
    },
    "dropped-dataset": {
        "vi": "bộ dữ liệu '{id}': nếu đổi mã, ghi 'formerly: [{id}]' trong tệp "
        "catalog/datasets/ của bộ dữ liệu mới; nếu không, giữ lại tệp "
        "catalog/datasets/{id}.yml",
        "en": "dataset '{id}': if it was renamed, write 'formerly: [{id}]' in the "
        "catalog/datasets/ file of the new dataset; if not, keep catalog/datasets/{id}.yml",
    },
    "dropped-page": {
        "vi": "các trang khác: khôi phục tệp đã xóa trong docs/ hoặc catalog/",
        "en": "other pages: restore the file removed from docs/ or catalog/",
    },

    "as-of-publish": {
        "vi": "một lần xuất bản luôn dùng thời điểm thật (đó là điều nhật ký xuất bản và trang "
        "tính kịp thời ghi lại); --as-of dùng cho bản xem trước: phobien build --as-of {when} "
        "--site-dir preview",
        "en": "a publish always uses the real time (it is what the publish log and the "
        "punctuality page record); --as-of is for previews: phobien build --as-of {when} "
        "--site-dir preview",
    },
    "preview-publish": {
        "vi": "{when} là thời điểm chưa đến: bản xem trước cho thấy các đợt phổ biến trước giờ "
        "của chúng và không bao giờ được xuất bản. Dựng bản xem trước bằng: phobien build "
        "--as-of {when} --site-dir preview",
        "en": "{when} is still to come: a preview shows releases before their time and is "
        "never published. Build it with: phobien build --as-of {when} --site-dir preview",
    },
    "incomplete-version": {
        "vi": "{version} không phải một phiên bản đầy đủ; không chuyển sang nó",
        "en": "{version} is not a complete version; not switching to it",
    },
    "no-earlier": {
        "vi": "không có phiên bản nào trước đó của {path} để quay lại",
        "en": "there is no earlier version of {path} to return to",
    },
    "no-earlier-remote": {
        "vi": "không có phiên bản nào trước đó của {path} trên {host} để quay lại",
        "en": "there is no earlier version of {path} on {host}",
    },
    "not-a-version": {
        "vi": "{to} không phải một phiên bản đầy đủ của {path}; hiện có: {names}",
        "en": "{to} is not a complete version of {path}; there are: {names}",
    },
    "not-returning": {
        "vi": "không quay lại {version}: {cause}.{offer}",
        "en": "not returning to {version}: {cause}.{offer}",
    },
    "not-returning-remote": {
        "vi": "không quay lại {version} trên {host}: {cause}.",
        "en": "not returning to {version} on {host}: {cause}.",
    },
    "offer": {
        "vi": " Phiên bản mới nhất đạt yêu cầu là {version}: phobien rollback --to {version}",
        "en": " The newest version that passes is {version}: phobien rollback --to {version}",
    },
    "offer-none": {
        "vi": " Không phiên bản nào khác đạt yêu cầu: hãy xuất bản lại.",
        "en": " No other kept version passes: publish again.",
    },
    "command-failed": {
        "vi": "{command} ... không chạy được: {detail}",
        "en": "{command} ... failed: {detail}",
    },
    "remote-at": {
        "vi": "--at chỉ xuất bản vào một thư mục trên chính máy này. Với máy chủ từ xa, hãy "
        "chạy phobien publish --at ngay trên máy chủ đó, hoặc xuất bản bình thường.",
        "en": "--at publishes to a folder on this machine only. For a server, run phobien "
        "publish --at on the server itself, or publish there with a plain publish.",
    },
    "stopped": {
        "vi": "đã dừng trước {when}: trang đang công bố không thay đổi, phiên bản dựng sẵn đã "
        "được xoá.",
        "en": "stopped before {when}: the published site is unchanged and the version built "
        "for it was removed.",
    },
}

# Why a kept version must not be served today (rollback refuses it).
UNFIT = {
    "future": {
        "vi": "nó được dựng cho thời điểm {when}, chưa đến",
        "en": "it was built as of {when}, still to come",
    },
    "changed": {
        "vi": "các tệp của nó khác với bản kê ({count}: {files})",
        "en": "its files differ from its manifest ({count}: {files})",
    },
    "fails": {
        "vi": "nó không qua kiểm tra theo danh mục và thời điểm hôm nay ({count} lỗi: {first})",
        "en": "it fails verification against today's catalog and clock ({count} problems: "
        "{first})",
    },
}


def filled(template: dict[str, str], **values: Any) -> dict[str, str]:
    """A text in each language with its values, a value itself a text in each language or
    the same in both."""
    return {lang: text.format(**{k: v[lang] if isinstance(v, dict) else v
                                 for k, v in values.items()})
            for lang, text in template.items()}

# From generator/site.py and generator/engine/plugin.py: a build that cannot start.
BUILD = {
    "site_url": {"vi": "mkdocs.yml cần có site_url (ví dụ https://thongke.example.gov.vn/): "
                 "nguồn tin và lịch đăng ký cần địa chỉ đầy đủ của trang web.",
                 "en": "mkdocs.yml needs site_url (e.g. https://thongke.example.gov.vn/): "
                 "feeds and calendar subscriptions need the site's absolute address."},
    "generated": {"vi": "{page} do phobien tạo từ danh mục: hãy xóa tệp viết tay trùng tên "
                  "đó.",
                  "en": "{page} is generated by phobien from the catalog; remove the "
                  "hand-written file of that name."},
}

# From generator/verify/__init__.py: a build that failed its verification.
VERIFY = {
    "failed": {"vi": "Bản dựng không qua được bước kiểm tra:",
               "en": "The built site failed verification:"},
    "more": {"vi": "... và {count} lỗi khác", "en": "... and {count} more"},
}

# From generator/verify/: what each check found, by the failure's code (``Failure.code``),
# filled with its params. A value quoted from the file (an address, a period, a parser's
# complaint) is shown as it is there. The English is the text the checks always printed.
VERIFY_DETAILS = {
    "broken-link": {"vi": "liên kết hỏng {href}", "en": "broken link {href}"},
    "no-anchor": {"vi": "liên kết {href}: trang đích không có phần tử nào có id '{fragment}'",
                  "en": "link {href}: no element with id '{fragment}'"},
    "not-html": {"vi": "không đọc được như một trang HTML", "en": "not readable as HTML"},
    "no-parse": {"vi": "không đọc được tệp: {error}", "en": "does not parse: {error}"},
    "loads-from": {"vi": "<{tag} {attr}=\"{value}\"> tải tệp từ máy chủ khác {host}",
                   "en": "<{tag} {attr}=\"{value}\"> loads from {host}"},
    "names-hosts": {"vi": "ghi địa chỉ của máy chủ khác: {hosts}",
                    "en": "names another host: {hosts}"},
    "restricted": {"vi": "nhắc đến sản phẩm hạn chế (không công khai) '{name}'",
                   "en": "mentions the restricted product '{name}'"},
    "early-citation": {"vi": "trích dẫn đợt {release}, đợt này chưa đến giờ công bố",
                       "en": "a citation of {release}, not yet released"},
    "early-document": {"vi": "tài liệu {document} của đợt {release}, chưa đến giờ công bố",
                       "en": "the document {document} of {release}, not yet released"},
    "early-document-copy": {
        "vi": "trùng từng byte với tài liệu {document} của đợt {release}, chưa đến giờ "
        "công bố",
        "en": "the same bytes as the document {document} of {release}, not yet released"},
    "early-release-folder": {"vi": "các tệp của đợt {release}, chưa đến giờ công bố",
                             "en": "files of {release}, not yet released"},
    "early-row": {"vi": "dòng {line}: một dòng của kỳ {period}, chưa đến giờ công bố",
                  "en": "line {line}: a row of {period}, not yet released"},
    "early-level": {"vi": "dòng {line}: số liệu kỳ {period} ({level}) thuộc một đợt chưa "
                    "công bố",
                    "en": "line {line}: figures of {period} ({level}), a release not yet out"},
    "no-level-column": {"vi": "thiếu cột {column}: số liệu không ghi đợt phổ biến của chúng",
                        "en": "no column {column}: figures without their release"},
    "early-figures": {"vi": "dòng {line}: số liệu của đợt {release}, đợt này chưa công bố",
                      "en": "line {line}: figures of {release}, a release not yet out"},
    "unknown-release": {"vi": "đợt {release}: không có trong lịch phổ biến",
                        "en": "release {release}: not in the calendar"},
    "said-out-early": {"vi": "đợt {release}: được ghi là đã công bố trước giờ",
                       "en": "release {release}: said out before its time"},
    "early-day": {"vi": "một ngày không có gì được công bố (hoặc ngày đó chưa đến)",
                  "en": "a day on which nothing public happened (yet)"},
    "early-change": {"vi": "{kind} {release}: chưa công khai vào ngày đó",
                     "en": "{kind} {release}: not public that day"},
    "embed-no-dataset": {"vi": "trang nhúng không thuộc bộ dữ liệu công khai nào",
                         "en": "an embed page of no public dataset"},
    "chart-period": {"vi": "biểu đồ ghi kỳ {shown!r}, mà bảng của nó không có",
                     "en": "the chart labels the period {shown!r}, which its table does "
                     "not hold"},
    "row-no-period": {"vi": "hàng {row} của bảng: số liệu không ghi kỳ",
                      "en": "table row {row}: figures without their period"},
    "row-no-level": {"vi": "hàng {row} của bảng: số liệu kỳ {period} không ghi đợt phổ biến",
                     "en": "table row {row}: figures of {period} without their release"},
    "row-other-period": {"vi": "hàng {row} của bảng: hiện kỳ {shown!r} nhưng khai báo kỳ "
                         "{period}",
                         "en": "table row {row}: shows the period {shown!r} but declares "
                         "{period}"},
    "row-early": {"vi": "hàng {row} của bảng: số liệu kỳ {period}, chưa đến giờ công bố",
                  "en": "table row {row}: figures of {period}, not yet released"},
}

# From generator/clock.py: a moment that cannot be read.
CLOCK = {
    "bad-moment": {"vi": "'{value}' không phải một ngày hay một thời điểm theo ISO 8601 "
                   "(ví dụ 2026-12-06T09:00)",
                   "en": "'{value}' is not an ISO 8601 date or date-time (e.g. "
                   "2026-12-06T09:00)"},
    "bad-epoch": {"vi": "SOURCE_DATE_EPOCH='{value}' không phải một số giây",
                  "en": "SOURCE_DATE_EPOCH='{value}' is not a number of seconds"},
}

# From generator/terminal.py: the log lines a command prints, in the staff's language.
# The site engine's routine lines are matched by their English text (MkDocs writes them
# with f-strings); a line of the engine not listed here is left out of the staff's view
# (shown with --verbose), a warning or an error always shows, with the staff's prefix.
LOG_LINES = [
    (r"Cleaning site directory", {"vi": "Dọn thư mục trang web",
                                  "en": "Cleaning the site folder"}),
    (r"Building documentation to directory: (?P<folder>.*)",
     {"vi": "Dựng trang web vào thư mục {folder}", "en": "Building the site into {folder}"}),
    (r"Documentation built in (?P<seconds>[\d.]+) seconds",
     {"vi": "Đã dựng xong trang web trong {seconds} giây",
      "en": "Site built in {seconds} seconds"}),
    (r"Building documentation\.\.\.", {"vi": "Đang dựng trang web…",
                                        "en": "Building the site…"}),
    (r"Serving on (?P<url>\S+)", {"vi": "Xem trước tại {url}",
                                  "en": "Preview at {url}"}),
    (r"Watching paths for changes: (?P<paths>.*)",
     {"vi": "Theo dõi thay đổi trong: {paths}", "en": "Watching for changes in: {paths}"}),
    (r"Detected file changes", {"vi": "Có tệp vừa thay đổi", "en": "Files changed"}),
    (r"Reloading browsers", {"vi": "Tải lại trang trên trình duyệt",
                             "en": "Reloading the browser pages"}),
    (r"Browser connected: (?P<url>\S+)", {"vi": "Trình duyệt đã mở {url}",
                                          "en": "A browser opened {url}"}),
    (r"Aborted with (?:an? |\d+ )?(?P<kind>[\w ]+)!",
     {"vi": "Dựng trang web thất bại vì lỗi ở trên",
      "en": "The build stopped on the error above"}),
    (r"Config value 'dev_addr': .*",
     {"vi": "-a/--dev-addr phải có dạng IP:CỔNG (ví dụ 127.0.0.1:8000)",
      "en": "-a/--dev-addr must be IP:PORT (for example 127.0.0.1:8000)"}),
    (r"Config value '(?P<key>[^']+)': (?P<detail>.*)",
     {"vi": "mkdocs.yml, mục '{key}': {detail}", "en": "mkdocs.yml, '{key}': {detail}"}),
    # From generator/releases/punctuality.py: a line of the publish log it cannot read.
    (r"(?P<where>.+:\d+): damaged line skipped",
     {"vi": "{where}: bỏ qua một dòng hỏng của nhật ký xuất bản",
      "en": "{where}: a damaged line of the publish log skipped"}),
    (r"Config file '(?P<file>.*)' does not exist\.",
     {"vi": "không có tệp cấu hình '{file}': hãy chạy lệnh trong thư mục dự án (nơi có "
      "mkdocs.yml), hoặc chỉ rõ tệp bằng -f",
      "en": "there is no config file '{file}': run the command in the project's folder "
      "(where mkdocs.yml is), or name the file with -f"}),
    (r"Shutting down\.\.\.", {"vi": "Dừng bản xem trước…",
                               "en": "Stopping the preview…"}),
]
LOG = {
    "as_of": {"vi": "Dựng trang theo thời điểm {when}, lấy từ {source}",
              "en": "Building the site as of {when}, taken from {source}"},
    "as-of": {"vi": "thời điểm đã chọn (--as-of)", "en": "the moment given (--as-of)"},
    "system": {"vi": "giờ hệ thống", "en": "the system clock"},
    "SOURCE_DATE_EPOCH": {"vi": "biến SOURCE_DATE_EPOCH", "en": "SOURCE_DATE_EPOCH"},
    "WARNING": {"vi": "Cảnh báo", "en": "Warning"},
    "ERROR": {"vi": "Lỗi", "en": "Error"},
    "CRITICAL": {"vi": "Lỗi", "en": "Error"},
    "help": {"vi": "Xem cách dùng: {command} -h", "en": "For help: {command} -h"},
    "aborted": {"vi": "Đã dừng.", "en": "Aborted."},
}
# click's own messages (it marks them for gettext), as a bad option or a missing value
# gets them; its help words stay English, as the command help in the guide is.
CLICK: dict[str, dict[str, str]] = {
    "No such option {name!r}.": {"vi": "không có tùy chọn {name!r}."},
    "No such command {name!r}.": {"vi": "không có lệnh {name!r}."},
    "Did you mean {possibility}?": {"vi": "Có phải ý bạn là {possibility}?"},
    "(Did you mean one of: {possibilities}?)": {
        "vi": "(Có phải ý bạn là một trong: {possibilities}?)"},
    "Invalid value for {param_hint}: {message}": {
        "vi": "giá trị không hợp lệ cho {param_hint}: {message}"},
    "Invalid value: {message}": {"vi": "giá trị không hợp lệ: {message}"},
    "{value!r} is not {choice}.": {"vi": "{value!r} không phải {choice}."},
    "{value!r} is not one of {choices}.": {
        "vi": "{value!r} không phải một trong các giá trị {choices}."},
    "{value!r} is not a valid {number_type}.": {"vi": "{value!r} không phải một số."},
    "{value} is not in the range {range}.": {"vi": "{value} nằm ngoài khoảng {range}."},
    "Missing argument": {"vi": "thiếu đối số"},
    "Missing option": {"vi": "thiếu tùy chọn"},
    "Missing parameter": {"vi": "thiếu tham số"},
    "Missing command.": {"vi": "thiếu tên lệnh (check, build, serve, publish, next, "
                                "rollback…)."},
    "Option {name!r} requires an argument.": {"vi": "tùy chọn {name!r} cần một giá trị."},
    "Option {name!r} requires {nargs} arguments.": {
        "vi": "tùy chọn {name!r} cần {nargs} giá trị."},
    "Option {name!r} does not take a value.": {
        "vi": "tùy chọn {name!r} không nhận giá trị."},
    "Got unexpected extra argument ({args})": {"vi": "thừa đối số ({args})"},
    "Got unexpected extra arguments ({args})": {"vi": "thừa các đối số ({args})"},
    "{name} {filename!r} does not exist.": {"vi": "{filename!r} không tồn tại."},
    "{name} {filename!r} is a directory.": {"vi": "{filename!r} là một thư mục."},
    "{name} {filename!r} is a file.": {"vi": "{filename!r} là một tệp."},
    "{name} {filename!r} is not readable.": {"vi": "không đọc được {filename!r}."},
    "{name} {filename!r} is not writable.": {"vi": "không ghi được vào {filename!r}."},
}

# From generator/releases/plan.py: why a day is a day off, and an adjustment's wrong date.
DAY_OFF = {
    "declared": {"vi": "ngày nghỉ do lịch khai báo", "en": "a day off the calendar declares"},
    "holiday": {"vi": "ngày lễ ({vi})", "en": "a public holiday ({en})"},
    "weekend": {"vi": "ngày cuối tuần", "en": "a weekend day"},
}
WRONG_FROM = {
    "vi": "ngày cũ ghi {given_vi} nhưng lịch đang là {scheduled}",
    "en": "'from' says {given_en} but the release is scheduled for {scheduled}",
}

# From generator/engine/choice.py: a wrong PHOBIEN_ENGINE, said in both languages at once
# (it stops the program before it knows the staff's language).
ENGINE = {
    "unknown": "{variable}={wanted}: unknown site engine. Known: {known}.\n"
    "{variable}={wanted}: không có công cụ dựng trang này. Có: {known}.",
    "other": "{variable}={wanted}, but this process already runs {now}: run phobien (or the "
    "{wanted} command) instead.\n{variable}={wanted}, nhưng tiến trình này đã chạy {now}: hãy "
    "chạy phobien (hoặc lệnh {wanted}).",
    "missing": "{variable}=properdocs, but ProperDocs is not installed: pip install "
    "'properdocs>=1.6.7,<2'.\n{variable}=properdocs, nhưng ProperDocs chưa được cài: pip "
    "install 'properdocs>=1.6.7,<2'.",
}

# From generator/engine/serve_errors.py: the page the preview server (phobien serve) shows
# at every address while the site cannot be built. {address}: the page asked for.
SERVE_ERRORS = {
    "title": {"vi": "Chưa dựng được bản xem trước", "en": "The preview cannot be built"},
    "build": {"vi": "Chưa dựng được trang web:", "en": "The site cannot be built:"},
    "reload": {"vi": "Hãy sửa tệp rồi lưu lại: trang này tự tải lại, không cần bấm gì. Máy "
               "chủ xem trước vẫn chạy và theo dõi các tệp.",
               "en": "Fix the file and save it: this page reloads by itself. The preview "
               "server keeps running and watching the files."},
    "address": {"vi": "Hết lỗi thì trang {address} hiện ra ở đây.",
                "en": "Once the problems are fixed, the page {address} shows here."},
    "only": {"vi": "Trang này chỉ có trong bản xem trước (phobien serve), không bao giờ được "
             "xuất bản.",
             "en": "Only the preview (phobien serve) shows this page; it is never published."},
    "log": {"vi": "Bản xem trước hiện các lỗi này trong trình duyệt cho đến khi tệp được sửa.",
            "en": "The preview shows these problems in the browser until the file is fixed."},
}

# From generator/problems.py: the first line of a report.
REPORT_HEADER = {
    "vi": "Danh mục có {count} lỗi:",
    "en": "The catalog has {count} problem(s):",
}

# From generator/outputs/datasets/reader.py: the details of a source table's problems.
SOURCE_DETAIL = {
    "empty-file": {"vi": "tệp trống", "en": "the file is empty"},
    "no-rows": {
        "vi": "không có dòng nào dưới dòng tiêu đề (dòng {line})",
        "en": "there is no row below the header line (line {line})",
    },
    "too-many": {
        "vi": ": thừa {extra} ô; thường do một số có dấu phẩy (như 76,88) không nằm trong "
        "ngoặc kép",
        "en": ": {extra} too many; usually a number with a comma (such as 76,88) that is not "
        "in double quotes",
    },
    "too-few": {"vi": ": thiếu ô của cột {lacking}", "en": ": no cell for {lacking}"},
}

# From generator/outputs/datasets/embargo.py: no completeness level at all.
NO_LEVEL = {"vi": "không có", "en": "none"}

# From generator/workbook/: the catalog as a spreadsheet (phobien export / import).
# A column's header is the words of each key on its path ("Liên hệ báo chí – Tên (tiếng
# Việt)"): a field added to a catalog model needs one line here.
FIELD_WORDS: dict[str, dict[str, str]] = {
    "@vi": {"vi": "tiếng Việt", "en": "Vietnamese"},
    "@en": {"vi": "tiếng Anh", "en": "English"},
    "@position": {"vi": "Thứ tự", "en": "Position"},
    "@text": {"vi": "Ý nghĩa", "en": "Meaning"},
    "@owner-products": {"vi": "Mã sản phẩm", "en": "Product id"},
    "@owner-calendars": {"vi": "Năm của lịch", "en": "Calendar year"},
    "@owner-datasets": {"vi": "Mã bộ dữ liệu", "en": "Dataset id"},
    "@owner-notes": {"vi": "Đợt phổ biến của ghi chú", "en": "Release of the note"},
    "@key": {"vi": "Ký hiệu", "en": "Symbol"},
    "add": {"vi": "Đợt thêm", "en": "Added release"},
    "abbreviation": {"vi": "Chữ viết tắt (số văn bản)", "en": "Abbreviation (document numbers)"},
    "address": {"vi": "Địa chỉ", "en": "Address"},
    "announced": {"vi": "Thời điểm thông báo", "en": "Announced"},
    "approval": {"vi": "Phê duyệt", "en": "Approval"},
    "approver": {"vi": "Người phê duyệt", "en": "Approver"},
    "audiences": {"vi": "Đối tượng sử dụng", "en": "Audiences"},
    "change": {"vi": "Kiểu thay đổi", "en": "Change"},
    "changed": {"vi": "Nội dung đính chính", "en": "What changed"},
    "chart": {"vi": "Biểu đồ", "en": "Chart"},
    "column": {"vi": "Cột", "en": "Column"},
    "compare": {"vi": "So sánh với", "en": "Compare with"},
    "completeness": {"vi": "Mức độ hoàn chỉnh", "en": "Completeness"},
    "contact": {"vi": "Liên hệ", "en": "Contact"},
    "content": {"vi": "Nội dung chủ yếu", "en": "Main content"},
    "cycle": {"vi": "Chu kỳ biên soạn", "en": "Cycle"},
    "date": {"vi": "Ngày", "en": "Date"},
    "day": {"vi": "Ngày trong tháng", "en": "Day of month"},
    "days_off": {"vi": "Ngày nghỉ bổ sung", "en": "Extra days off"},
    "decimals": {"vi": "Số chữ số thập phân", "en": "Decimals"},
    "decision": {"vi": "Số quyết định", "en": "Decision number"},
    "description": {"vi": "Mô tả", "en": "Description"},
    "discontinued": {"vi": "Ngừng phổ biến", "en": "Discontinued"},
    "dissemination": {"vi": "Hình thức phổ biến", "en": "Dissemination"},
    "email": {"vi": "Thư điện tử", "en": "Email"},
    "file": {"vi": "Tệp", "en": "File"},
    "form": {"vi": "Dạng sản phẩm", "en": "Form"},
    "formerly": {"vi": "Mã cũ", "en": "Former identifiers"},
    "from": {"vi": "Từ ngày", "en": "From"},
    "header_row": {"vi": "Dòng tiêu đề", "en": "Header row"},
    "headlines": {"vi": "Số liệu nổi bật", "en": "Headlines"},
    "hours": {"vi": "Giờ làm việc", "en": "Opening hours"},
    "id": {"vi": "Mã", "en": "Identifier"},
    "label": {"vi": "Nhãn", "en": "Label"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "languages": {"vi": "Ngôn ngữ của trang", "en": "Site languages"},
    "measure": {"vi": "Loại số đo", "en": "Measure"},
    "media_contact": {"vi": "Liên hệ báo chí", "en": "Media contact"},
    "month": {"vi": "Tháng", "en": "Month"},
    "months_after": {"vi": "Số tháng sau kỳ", "en": "Months after"},
    "main_points": {"vi": "Điểm chính", "en": "Main points"},
    "name": {"vi": "Tên", "en": "Name"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "notes": {"vi": "Ghi chú", "en": "Notes"},
    "numbers": {"vi": "Cách viết số", "en": "Number format"},
    "obtain": {"vi": "Cách nhận", "en": "How to obtain"},
    "office": {"vi": "Cơ quan", "en": "Office"},
    "only": {"vi": "Chỉ các kỳ", "en": "Only these periods"},
    "other": {"vi": "Thông tin khác", "en": "Other information"},
    "access": {"vi": "Quyền truy cập", "en": "Access"},
    "parent": {"vi": "Cơ quan chủ quản", "en": "Parent body"},
    "period": {"vi": "Kỳ", "en": "Period"},
    "periodic": {"vi": "Định kỳ", "en": "Periodic"},
    "phone": {"vi": "Điện thoại", "en": "Phone"},
    "place": {"vi": "Địa danh ghi ngày văn bản", "en": "Place in document dates"},
    "prepared": {"vi": "Ngày lập", "en": "Prepared"},
    "price": {"vi": "Đơn giá (đồng)", "en": "Price (VND)"},
    "product": {"vi": "Sản phẩm", "en": "Product"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    "release": {"vi": "Đợt phổ biến", "en": "Release"},
    "role": {"vi": "Chức vụ", "en": "Role"},
    "sheet": {"vi": "Trang tính", "en": "Sheet"},
    "short_name": {"vi": "Tên viết tắt", "en": "Short name"},
    "since": {"vi": "Từ ngày", "en": "Since"},
    "sort": {"vi": "Sắp xếp theo", "en": "Sort by"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "start": {"vi": "Kỳ đầu tiên", "en": "First period"},
    "status": {"vi": "Trạng thái", "en": "Status"},
    "successor": {"vi": "Sản phẩm thay thế", "en": "Successor"},
    "time": {"vi": "Giờ", "en": "Time"},
    "timezone": {"vi": "Múi giờ", "en": "Time zone"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "to": {"vi": "Đến ngày", "en": "To"},
    "topics": {"vi": "Chủ đề", "en": "Topics"},
    "type": {"vi": "Loại", "en": "Type"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "where": {"vi": "Dòng nào", "en": "Which row"},
    "working_days": {"vi": "Ngày làm bù", "en": "Working weekend days"},
    "wrong": {"vi": "Nội dung sai", "en": "What was wrong"},
    "x": {"vi": "Trục ngang", "en": "X axis"},
    "y": {"vi": "Trục dọc", "en": "Y axis"},
    "year": {"vi": "Năm", "en": "Year"},
}

# Each sheet's name (Excel allows 31 characters) and what it holds, for the instructions.
SHEET_WORDS: dict[str, dict[str, str]] = {
    "instructions": {"vi": "Hướng dẫn", "en": "Instructions"},
    "site": {"vi": "Cơ quan", "en": "Site",
             "about_vi": "thông tin chung của cơ quan (site.yml), một dòng",
             "about_en": "the office and the site (site.yml), one row"},
    "audiences": {"vi": "Đối tượng", "en": "Audiences",
                  "about_vi": "đối tượng sử dụng (audiences.yml)",
                  "about_en": "audiences (audiences.yml)"},
    "units": {"vi": "Đơn vị", "en": "Units",
              "about_vi": "đơn vị chịu trách nhiệm phổ biến (units.yml)",
              "about_en": "responsible units (units.yml)"},
    "topics": {"vi": "Chủ đề", "en": "Topics",
               "about_vi": "chủ đề (topics.yml)", "about_en": "topics (topics.yml)"},
    "products": {"vi": "Sản phẩm", "en": "Products",
                 "about_vi": "sản phẩm thống kê, mỗi dòng một tệp products/<mã>.yml",
                 "about_en": "statistical products, one file products/<id>.yml a row"},
    "product-releases": {"vi": "Quy tắc phổ biến", "en": "Release rules",
                         "about_vi": "quy tắc phổ biến của sản phẩm định kỳ, theo mã sản phẩm",
                         "about_en": "release rules of periodic products, by product id"},
    "calendars": {"vi": "Lịch", "en": "Calendars",
                  "about_vi": "lịch phổ biến từng năm và phê duyệt (calendars/<năm>.yml)",
                  "about_en": "each year's calendar and its approval (calendars/<year>.yml)"},
    "calendar-releases": {"vi": "Lịch – đợt phổ biến", "en": "Calendar releases",
                          "about_vi": "các đợt phổ biến ghi theo ngày trong lịch, theo năm",
                          "about_en": "releases listed by date in a calendar, by year"},
    "adjustments": {"vi": "Lịch – điều chỉnh", "en": "Adjustments",
                    "about_vi": "điều chỉnh lịch đã phê duyệt, theo năm",
                    "about_en": "adjustments of an approved calendar, by year"},
    "datasets": {"vi": "Bộ dữ liệu", "en": "Datasets",
                 "about_vi": "bộ dữ liệu tải về (datasets/<mã>.yml)",
                 "about_en": "downloadable datasets (datasets/<id>.yml)"},
    "dataset-columns": {"vi": "Bộ dữ liệu – cột", "en": "Dataset columns",
                        "about_vi": "các cột của bộ dữ liệu, theo mã bộ dữ liệu",
                        "about_en": "a dataset's columns, by dataset id"},
    "dataset-headlines": {"vi": "Bộ dữ liệu – nổi bật", "en": "Dataset headlines",
                          "about_vi": "số liệu nổi bật của bộ dữ liệu",
                          "about_en": "a dataset's headline figures"},
    "dataset-missing": {"vi": "Bộ dữ liệu – ký hiệu", "en": "Dataset symbols",
                        "about_vi": "ký hiệu số liệu thiếu riêng của bộ dữ liệu",
                        "about_en": "a dataset's own missing-value symbols"},
    "notes": {"vi": "Ghi chú đợt", "en": "Release notes",
              "about_vi": "ghi chú đợt phổ biến (releases/*.yml)",
              "about_en": "release notes (releases/*.yml)"},
    "note-documents": {"vi": "Ghi chú – tài liệu", "en": "Note documents",
                       "about_vi": "tài liệu đính kèm đợt phổ biến",
                       "about_en": "documents attached to a release"},
    "note-corrections": {"vi": "Ghi chú – đính chính", "en": "Note corrections",
                         "about_vi": "thông báo đính chính của đợt phổ biến",
                         "about_en": "correction notices of a release"},
}

# The first sheet: how to work in the workbook, in Vietnamese then in English.
# Above the codes of the coded columns, with what each means (generator/workbook/export.py).
CODES_TITLE = {
    "vi": "Ý nghĩa của các mã (cột có danh sách thả xuống hoặc nhận nhiều giá trị):",
    "en": "What the codes mean (columns with a drop-down list or several values):",
}
INSTRUCTIONS: dict[str, list[str]] = {
    "vi": [
        "Danh mục sản phẩm thống kê và lịch phổ biến",
        "Tệp này do lệnh phobien export tạo từ thư mục catalog/. Sửa xong, chạy "
        "phobien import <tệp>.xlsx để ghi lại danh mục YAML; lệnh kiểm tra toàn bộ danh mục "
        "và không ghi gì nếu còn lỗi.",
        "Dòng 1 là tên cột tiếng Việt, dòng 2 tiếng Anh: không sửa hai dòng này. Mỗi dòng "
        "từ dòng 3 là một mục. Xem ghi chú ở ô tiêu đề để biết cột cần gì.",
        "Ngày nhập dạng 2027-03-05; giờ dạng 09:00; nhiều giá trị trong một ô cách nhau "
        "bằng dấu phẩy (pdf, web-table). Cột có danh sách thả xuống chỉ nhận các giá trị "
        "trong danh sách.",
        "Các trang tính con (quy tắc phổ biến, đợt phổ biến trong lịch, cột của bộ dữ liệu "
        "...) ghi mã của mục chứa nó ở cột đầu và thứ tự ở cột thứ hai.",
        "Tệp chứa cả sản phẩm hạn chế truy cập: đây là tệp nội bộ, không đưa lên trang web.",
        "Các trang tính:",
    ],
    "en": [
        "Catalog of statistical products and release calendar",
        "phobien export made this file from the catalog/ folder. Once edited, run "
        "phobien import <file>.xlsx to write the YAML catalog back; it checks the whole "
        "catalog and writes nothing while any problem remains.",
        "Row 1 holds the column names in Vietnamese, row 2 in English: leave both as they "
        "are. Each row from row 3 on is one entry. A header's note says what its column takes.",
        "Dates as 2027-03-05; times as 09:00; several values in one cell separated by commas "
        "(pdf, web-table). A column with a drop-down list takes the values of its list only.",
        "The nested sheets (release rules, a calendar's releases, a dataset's columns...) "
        "give their owner's identifier in the first column and the position in the second.",
        "The file holds restricted products too: it is an internal file, never to be put on "
        "the website.",
        "The sheets (names in Vietnamese):",
    ],
}

# A header's note: what a column of each kind takes.
KIND_HINTS: dict[str, dict[str, str]] = {
    "text": {"vi": "Văn bản.", "en": "Text."},
    "code": {"vi": "Một giá trị.", "en": "One value."},
    "int": {"vi": "Số nguyên.", "en": "A whole number."},
    "bool": {"vi": "TRUE (có) hoặc FALSE (không).", "en": "TRUE or FALSE."},
    "date": {"vi": "Ngày, dạng 2027-03-05.", "en": "A date, as 2027-03-05."},
    "time": {"vi": "Giờ, dạng 09:00.", "en": "A time, as 09:00."},
    "moment": {"vi": "Ngày và giờ, dạng 2027-03-05 09:00.",
               "en": "A date and time, as 2027-03-05 09:00."},
    "month": {"vi": "Tháng, dạng 2027-04.", "en": "A month, as 2027-04."},
    "codes": {"vi": "Một hoặc nhiều giá trị, cách nhau bằng dấu phẩy.",
              "en": "One or more values, separated by commas."},
    "ints": {"vi": "Một hoặc nhiều số nguyên, cách nhau bằng dấu phẩy.",
             "en": "One or more whole numbers, separated by commas."},
    "dates": {"vi": "Một hoặc nhiều ngày (2027-01-02), cách nhau bằng dấu phẩy.",
              "en": "One or more dates (2027-01-02), separated by commas."},
    "pairs": {"vi": "Cặp cột=giá trị, cách nhau bằng dấu chấm phẩy.",
              "en": "column=value pairs, separated by semicolons."},
    "choices": {"vi": "Giá trị được phép:", "en": "Allowed values:"},
    "list": {"vi": "Chọn một giá trị trong danh sách.", "en": "Choose a value of the list."},
    "required": {"vi": "Bắt buộc.", "en": "Required."},
}

# Where a workbook's problem is: "catalog.xlsx, trang tính 'Sản phẩm', dòng 5, cột C".
WORKBOOK_PLACE = {
    "sheet": {"vi": "{book}, trang tính '{sheet}'", "en": "{book}, sheet '{sheet}'"},
    "row": {"vi": ", dòng {row}", "en": ", row {row}"},
    "column": {"vi": ", cột {column}", "en": ", column {column}"},
}
WORKBOOK_REPORT = {
    "vi": "Bảng tính có {count} lỗi; danh mục không thay đổi:",
    "en": "The workbook has {count} problem(s); the catalog is unchanged:",
}
WORKBOOK_COMMANDS = {
    "exported": {"vi": "Đã ghi danh mục vào {file}: {rows} dòng. Đây là tệp nội bộ (có cả "
                 "sản phẩm hạn chế), không đưa lên trang web.",
                 "en": "Wrote the catalog to {file}: {rows} rows. It is an internal file "
                 "(restricted products included): never put it on the website."},
    "imported": {"vi": "Đã nhập {file} vào {catalog}: {new} tệp mới, {changed} tệp thay "
                 "đổi, {same} tệp giữ nguyên.",
                 "en": "Imported {file} into {catalog}: {new} new file(s), {changed} "
                 "changed, {same} unchanged."},
    "written": {"vi": "  đã ghi: {file}", "en": "  written: {file}"},
    "kept": {"vi": "  không có trong bảng tính, vẫn giữ (thêm --delete để xoá): {file}",
             "en": "  not in the workbook, kept (add --delete to delete it): {file}"},
    "deleted": {"vi": "  đã xoá: {file}", "en": "  deleted: {file}"},
    "served": {"vi": "Không ghi bảng tính {file}: nó nằm trong {place}, nơi trang web công "
               "bố, mà bảng tính có cả sản phẩm hạn chế. Hãy ghi ra ngoài (ví dụ "
               "phobien export danh-muc.xlsx).",
               "en": "Not writing the workbook {file}: it lies inside {place}, which the "
               "site serves, and the workbook holds restricted products. Write it elsewhere "
               "(for example phobien export catalog.xlsx)."},
}
MESSAGES.update({
    "workbook-unreadable": {
        "vi": "không mở được bảng tính: {detail}",
        "en": "the workbook cannot be opened: {detail}",
    },
    "workbook-unknown-sheet": {
        "vi": "trang tính không thuộc danh mục. Các trang tính: {allowed}",
        "en": "this sheet is not part of the catalog. The sheets: {allowed}",
    },
    "workbook-missing-sheet": {
        "vi": "thiếu trang tính này (xuất lại bảng tính bằng phobien export)",
        "en": "this sheet is missing (export the workbook again with phobien export)",
    },
    "workbook-unknown-column": {
        "vi": "cột '{value}' không thuộc trang tính này",
        "en": "the column '{value}' does not belong to this sheet",
    },
    "workbook-missing-column": {
        "vi": "thiếu cột '{value}' (không xoá hay đổi tên tiêu đề ở dòng 1)",
        "en": "the column '{value}' is missing (do not delete or rename the headers of row 1)",
    },
    "workbook-missing-cell": {
        "vi": "ô này bắt buộc nhưng đang trống",
        "en": "this cell is required but empty",
    },
    "workbook-bad-choice": {
        "vi": "giá trị '{value}' không hợp lệ. Giá trị được phép: {allowed}",
        "en": "the value '{value}' is not allowed. Allowed values: {allowed}",
    },
    "workbook-bad-date": {
        "vi": "'{value}' không phải một ngày (cần dạng 2027-03-05)",
        "en": "'{value}' is not a date (expected as 2027-03-05)",
    },
    "workbook-bad-time": {
        "vi": "'{value}' không phải một giờ (cần dạng 09:00)",
        "en": "'{value}' is not a time (expected as 09:00)",
    },
    "workbook-bad-number": {
        "vi": "'{value}' không phải một số nguyên",
        "en": "'{value}' is not a whole number",
    },
    "workbook-bad-bool": {
        "vi": "'{value}' không phải TRUE hay FALSE",
        "en": "'{value}' is neither TRUE nor FALSE",
    },
    "workbook-bad-pairs": {
        "vi": "'{value}' không phải các cặp cột=giá trị cách nhau bằng dấu chấm phẩy",
        "en": "'{value}' is not column=value pairs separated by semicolons",
    },
    "workbook-duplicate-id": {
        "vi": "mã '{value}' đã có ở dòng {other}",
        "en": "the identifier '{value}' is already in row {other}",
    },
    "workbook-unknown-owner": {
        "vi": "'{value}' không có ở trang tính '{sheet}'",
        "en": "'{value}' is not in the sheet '{sheet}'",
    },
})
# From generator/annex/: the calendar's annex to its approval decision and the notices of
# its adjustments, in the national format of administrative documents (Decree
# 30/2020/NĐ-CP). ``…`` marks a blank the office fills in by hand.
ANNEX: dict[str, dict[str, str]] = {
    "nation": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
               "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "number": {"vi": "Số: {number}", "en": "No.: {number}"},
    "dated": {"vi": "{place}, ngày {day} tháng {month} năm {year}", "en": "{place}, {date}"},
    "undated": {"vi": "{place}, ngày …… tháng …… năm ……", "en": "{place}, …… …… ……"},
    "draft": {"vi": "DỰ THẢO", "en": "DRAFT"},
    "annex": {"vi": "PHỤ LỤC", "en": "ANNEX"},
    "title": {"vi": "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM {year}",
              "en": "STATISTICAL RELEASE CALENDAR {year}"},
    "attached": {"vi": "(Kèm theo Quyết định số {decision} {date} của {approver})",
                 "en": "(Attached to Decision No. {decision} of {date} by the {approver})"},
    "blank": {"vi": "……", "en": "……"},
    "month": {"vi": "Tháng {month}/{year}", "en": "{name} {year}"},
    "moment": {"vi": "{date}, {time}", "en": "{date}, {time}"},
    "note": {"vi": "Ghi chú: giờ phổ biến là giờ Việt Nam ({offset}); ngày phổ biến trùng ngày "
             "nghỉ, ngày lễ, Tết đã được chuyển sang ngày làm việc tiếp theo. Lịch không gồm "
             "các sản phẩm không phổ biến công khai.",
             "en": "Note: times are Viet Nam time ({offset}); a release date that fell on a "
             "weekend or public holiday has been moved to the next working day. The "
             "calendar leaves out the products that are not made public."},
    "empty": {"vi": "Lịch năm {year} không có đợt phổ biến nào.",
              "en": "The {year} calendar has no release."},
    # The notice of one adjustment.
    "notice": {"vi": "THÔNG BÁO", "en": "NOTICE"},
    "subject": {"vi": "Về việc điều chỉnh Lịch phổ biến thông tin thống kê năm {year}",
                "en": "Adjustment to the statistical release calendar {year}"},
    "grounds": {"vi": "Căn cứ Quyết định số {decision} {date} của {approver} phê duyệt "
                "Lịch phổ biến thông tin thống kê năm {year}, {office} thông báo điều chỉnh "
                "Lịch phổ biến thông tin thống kê năm {year} như sau:",
                "en": "Under Decision No. {decision} of {date} by the {approver} approving "
                "the statistical release calendar {year}, the {office} gives notice of the "
                "following adjustment to the calendar:"},
    "closing": {"vi": "{office} trân trọng thông báo để các cơ quan, tổ chức, cá nhân sử dụng "
                "thông tin thống kê biết./.",
                "en": "The {office} gives this notice to every organisation and person who "
                "uses its statistics."},
    "recipients": {"vi": "Nơi nhận:", "en": "Distribution:"},
}

ANNEX_COLUMNS: dict[str, dict[str, str]] = {
    "number": {"vi": "STT", "en": "No."},
    "product": {"vi": "Sản phẩm thông tin thống kê", "en": "Statistical product"},
    "period": {"vi": "Kỳ số liệu", "en": "Reference period"},
    "completeness": {"vi": "Mức độ hoàn chỉnh", "en": "Completeness"},
    "when": {"vi": "Ngày giờ phổ biến", "en": "Release date and time"},
    "unit": {"vi": "Đơn vị chịu trách nhiệm", "en": "Responsible unit"},
    "dissemination": {"vi": "Hình thức phổ biến", "en": "Dissemination"},
    "form": {"vi": "Dạng sản phẩm", "en": "Product form"},
}
ANNEX_KINDS: dict[str, dict[str, str]] = {
    "moved": {"vi": "thay đổi thời gian phổ biến", "en": "the release time changes"},
    "cancelled": {"vi": "không phổ biến (hủy khỏi lịch)",
                  "en": "not released (cancelled)"},
    "added": {"vi": "bổ sung vào lịch", "en": "added to the calendar"},
}
ANNEX_ITEMS: dict[str, dict[str, str]] = {
    "product": {"vi": "Sản phẩm: {value}", "en": "Product: {value}"},
    "change": {"vi": "Nội dung điều chỉnh: {value}", "en": "Adjustment: {value}"},
    "before": {"vi": "Thời gian theo Lịch đã phê duyệt: {value}",
               "en": "Time in the approved calendar: {value}"},
    "after": {"vi": "Thời gian phổ biến sau điều chỉnh: {value}",
              "en": "Release time after the adjustment: {value}"},
    "added": {"vi": "Thời gian phổ biến: {value}", "en": "Release time: {value}"},
    "unit": {"vi": "Đơn vị chịu trách nhiệm: {value}", "en": "Responsible unit: {value}"},
    "reason": {"vi": "Lý do: {value}", "en": "Reason: {value}"},
}
ANNEX_RECIPIENTS: dict[str, list[str]] = {
    "vi": ["- Các cơ quan, tổ chức, cá nhân sử dụng thông tin thống kê;",
           "- Trang thông tin điện tử của {office};", "- Lưu: VT."],
    "en": ["- Users of the office's statistics;", "- The {office}'s website;",
           "- File."],
}

# From generator/annex/__init__.py and generator/cli.py: the annex command's messages.
ANNEX_COMMAND = {
    "no-calendar": {"vi": "Không có lịch phổ biến năm {year} (tệp {file}). Các năm có lịch: "
                    "{years}.",
                    "en": "There is no {year} release calendar (the file {file}). Years "
                    "with a calendar: {years}."},
    "written": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
    "draft": {"vi": "Lịch năm {year} còn là dự thảo (status: draft): số và ngày quyết định "
              "để trống; thông báo điều chỉnh chỉ có sau khi lịch được phê duyệt.",
              "en": "The {year} calendar is a draft (status: draft): the decision's number "
              "and date are left blank; adjustment notices come once it is approved."},
}
