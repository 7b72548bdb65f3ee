"""Every word of the public site, in Vietnamese and English: the pages' labels and
sentences, the catalog's fixed values, charts, feeds and the bulk download's README.

For translators: read it top to bottom; each entry is a key and its text in each
language. ``{name}`` marks a value filled in by the code: keep it as it is.
"""

from __future__ import annotations

from typing import Any

# From generator/i18n.py.
# Interface words. Every key must exist in both languages (tests check it).
UI: dict[str, dict[str, str]] = {
    "home": {"vi": "Trang chủ", "en": "Home"},
    "not_found": {"vi": "Không tìm thấy trang", "en": "Page not found"},
    "not_found_text": {
        "vi": "Địa chỉ này không có trên trang. Có thể trang đã được chuyển hoặc địa chỉ bị "
        "gõ sai. Hãy tìm kiếm, hoặc bắt đầu từ một trong các trang dưới đây.",
        "en": "There is no page at this address. It may have moved, or the address may be "
        "mistyped. Search, or start from one of the pages below.",
    },
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
    # Addresses that never break: an old address's page (generator/outputs/redirects.py)
    # and a discontinued product's notice (product.md.j2).
    "moved_title": {"vi": "Trang đã chuyển: {name}", "en": "This page has moved: {name}"},
    "moved_text": {"vi": "Trang này đã chuyển tới địa chỉ mới:",
                   "en": "This page has moved to a new address:"},
    "discontinued": {"vi": "Sản phẩm đã ngừng phổ biến", "en": "Discontinued product"},
    "published_in": {"vi": "Sản phẩm này được phổ biến bằng {languages}.",
                     "en": "This product is published in {languages}."},
    "discontinued_since": {
        "vi": "Sản phẩm này ngừng phổ biến từ ngày {date}; các đợt đã phổ biến và số liệu "
        "của chúng vẫn được giữ trên trang.",
        "en": "This product is discontinued from {date}; its past releases and their data "
        "remain on this site.",
    },
    "successor": {"vi": "Sản phẩm kế tiếp:", "en": "Successor:"},
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
    # Headline figures (generator/outputs/pages/headlines.py): "{name} {period} giảm 0,26%
    # so với tháng trước và tăng 3,44% so với cùng kỳ năm trước."
    "headlines": {"vi": "Số liệu chính", "en": "Headline figures"},
    "headline_level": {"vi": "{name} {period} đạt {value}.",
                       "en": "{name} for {period} was {value}."},
    "headline_changes": {"vi": "{name} {period} {changes}.",
                         "en": "{name} for {period} was {changes}."},
    "headline_and": {"vi": " và ", "en": " and "},
    "headline_up": {"vi": "tăng {value} so với {against}", "en": "up {value} on {against}"},
    "headline_down": {"vi": "giảm {value} so với {against}", "en": "down {value} on {against}"},
    "headline_same": {"vi": "không đổi so với {against}", "en": "unchanged on {against}"},
    "headline_points": {"vi": "{value} điểm phần trăm", "en": "{value} percentage points"},
    "against_previous_month": {"vi": "tháng trước", "en": "the previous month"},
    "against_previous_quarter": {"vi": "quý trước", "en": "the previous quarter"},
    "against_previous_half": {"vi": "6 tháng trước", "en": "the previous six months"},
    "against_previous_year": {"vi": "năm trước", "en": "the previous year"},
    "against_year-ago_month": {"vi": "cùng kỳ năm trước", "en": "the same month a year earlier"},
    "against_year-ago_quarter": {
        "vi": "cùng kỳ năm trước", "en": "the same quarter a year earlier",
    },
    "against_year-ago": {"vi": "cùng kỳ năm trước", "en": "the same period a year earlier"},
    "headline_title": {"vi": "{name} {period}", "en": "{name}, {period}"},
    "headline_against": {"vi": "so với {against}", "en": "on {against}"},
    "latest_releases": {"vi": "Mới công bố", "en": "Latest releases"},
    "due_next_seven_days": {
        "vi": "Sắp công bố trong 7 ngày tới", "en": "Due in the next seven days",
    },
    "nothing_next_seven_days": {
        "vi": "Không có đợt công bố nào trong 7 ngày tới.",
        "en": "Nothing is due in the next seven days.",
    },
    "ways_in": {"vi": "Tra cứu", "en": "Find statistics"},
    "all_datasets": {"vi": "Tất cả bộ dữ liệu", "en": "All datasets"},
    "index_intro": {
        "vi": "Danh mục sản phẩm thống kê của {office}, theo Quyết định 34/2013/QĐ-TTg.",
        "en": "The catalog of statistical products of the {office}, as required by "
        "Decision 34/2013/QĐ-TTg.",
    },
    "products_of_topic": {"vi": "Sản phẩm thuộc chủ đề này", "en": "Products on this topic"},
    "calendar": {"vi": "Lịch phổ biến thông tin", "en": "Release calendar"},
    "calendar_intro": {
        "vi": "Lịch phổ biến thông tin thống kê do Cục trưởng phê duyệt. Mọi điều chỉnh được "
        "công bố kịp thời tại trang Điều chỉnh lịch và trong các lịch đăng ký.",
        "en": "The release calendar approved by the head of the office. Every adjustment is "
        "announced promptly on the Calendar changes page and in the subscribed calendars.",
    },
    "approval": {"vi": "Phê duyệt", "en": "Approval"},
    "approved_by": {
        "vi": "Lịch năm {year}: phê duyệt ngày {date} theo Quyết định số {decision} của {who}.",
        "en": "{year} calendar: approved on {date} by decision {decision} of the {who}.",
    },
    "draft_calendar": {
        "vi": "Lịch năm {year}: dự thảo lập ngày {date}, chưa được phê duyệt; các ngày có thể "
        "thay đổi.",
        "en": "{year} calendar: a draft of {date}, not yet approved; dates may change.",
    },
    "upcoming": {"vi": "Sắp phát hành", "en": "Upcoming releases"},
    "past": {"vi": "Đã phát hành gần đây", "en": "Recently released"},
    "nothing_upcoming": {"vi": "Không có đợt phổ biến nào sắp tới.", "en": "No upcoming releases."},
    "changes": {"vi": "Điều chỉnh lịch phổ biến", "en": "Calendar changes"},
    "changes_intro": {
        "vi": "Mọi điều chỉnh lịch phổ biến đã phê duyệt, mới nhất trước.",
        "en": "Every adjustment to the approved calendar, newest first.",
    },
    "no_changes": {"vi": "Chưa có điều chỉnh nào.", "en": "No adjustments yet."},
    "filter_by_audience": {"vi": "Lọc theo đối tượng", "en": "By audience group"},
    "filter_by_topic": {"vi": "Lọc theo chủ đề", "en": "By topic"},
    "all_releases": {"vi": "Toàn bộ lịch", "en": "Whole calendar"},
    "later_months": {"vi": "Các tháng tiếp theo (toàn bộ lịch)",
                     "en": "Later months (whole calendar)"},
    "earlier_months": {"vi": "Các tháng trước (toàn bộ lịch)",
                       "en": "Earlier months (whole calendar)"},
    "subscribe": {"vi": "Đăng ký nhận lịch", "en": "Subscribe to the calendar"},
    "week": {"vi": "Hôm nay và 14 ngày tới", "en": "Today and the next 14 days"},
    "week_intro": {
        "vi": "Các công bố thống kê đã phát hành hôm nay, rồi các đợt đến hạn trong 7 ngày "
        "tới và 7 ngày tiếp theo, tính từ lúc trang được cập nhật, theo từng ngày, kèm giờ "
        "công bố. Trang được cập nhật mỗi ngày và sau mỗi đợt phát hành.",
        "en": "The statistics released today, then those due in the next seven days and "
        "the seven days after, counted from when the page was updated, day by day, with "
        "the time of each release. The page is updated every day and after every release.",
    },
    "week_link": {
        "vi": "Công bố hôm nay và trong 7 ngày tới",
        "en": "Released today and due in the next seven days",
    },
    "released_today": {"vi": "Đã phát hành hôm nay", "en": "Released today"},
    "next_seven_days": {"vi": "Trong 7 ngày tới", "en": "In the next seven days"},
    "seven_days_after": {"vi": "7 ngày tiếp theo", "en": "The seven days after"},
    "window_bounds": {"vi": "Từ {start} đến {end}.", "en": "From {start} to {end}."},
    "nothing_this_day": {"vi": "Không có công bố nào trong ngày.",
                         "en": "Nothing is released on this day."},
    "nothing_these_days": {"vi": "Không có công bố nào trong những ngày này.",
                           "en": "Nothing is released on these days."},
    "filter_label": {"vi": "Lọc các đợt phát hành trên trang này (tên sản phẩm, kỳ báo cáo, "
                     "đơn vị)", "en": "Filter the releases on this page (product, period, unit)"},
    "filter_one": {"vi": "1 đợt phù hợp", "en": "1 matching release"},
    "filter_many": {"vi": "{n} đợt phù hợp", "en": "{n} matching releases"},
    "filter_none": {"vi": "Không có đợt phát hành nào phù hợp với “{q}”.",
                    "en": "No release matches “{q}”."},
    "add_to_calendar": {"vi": "Thêm vào lịch", "en": "Add to calendar"},
    "add_to_calendar_of": {"vi": "Thêm vào lịch: {name}", "en": "Add to calendar: {name}"},
    "col_add": {"vi": "Lịch của bạn", "en": "Your calendar"},
    "col_when": {"vi": "Thời gian", "en": "When"},
    "col_release": {"vi": "Sản phẩm", "en": "Product"},
    "col_period": {"vi": "Kỳ báo cáo", "en": "Reference period"},
    "col_completeness": {"vi": "Mức độ", "en": "Completeness"},
    "col_status": {"vi": "Trạng thái", "en": "Status"},
    "col_announced": {"vi": "Ngày thông báo", "en": "Announced"},
    "col_change": {"vi": "Điều chỉnh", "en": "Change"},
    "col_reason": {"vi": "Lý do", "en": "Reason"},
    "release_of": {
        "vi": "{product}, {period} ({completeness})",
        "en": "{product}, {period} ({completeness})",
    },
    "announcement": {"vi": "Thông báo phát hành", "en": "Release announcement"},
    "will_be_released": {
        "vi": "Thông tin này sẽ được công bố vào {when}. Trước thời điểm đó, không ai ngoài "
        "đơn vị biên soạn được tiếp cận số liệu.",
        "en": "This information will be released on {when}. Until then nobody outside the "
        "compiling unit has access to the figures.",
    },
    "was_released": {"vi": "Đã phát hành vào {when}.", "en": "Released on {when}."},
    "was_cancelled": {"vi": "Đợt phổ biến này đã bị hủy.", "en": "This release was cancelled."},
    "history": {"vi": "Lịch sử điều chỉnh", "en": "History of changes"},
    "releases_of_product": {"vi": "Lịch phát hành", "en": "Releases"},
    "moved_from_to": {"vi": "Dời từ {before} sang {after}", "en": "Moved from {before} to {after}"},
    "cancelled_was": {"vi": "Hủy (dự kiến {before})", "en": "Cancelled (was {before})"},
    "added_on": {"vi": "Bổ sung: {after}", "en": "Added: {after}"},
    "added_mark": {"vi": "Bổ sung vào lịch", "en": "Added to the calendar"},
    "moved_from": {"vi": "Dời từ {before}", "en": "Moved from {before}"},
    "col_time": {"vi": "Giờ", "en": "Time"},
    "all_day": {"vi": "Cả ngày", "en": "All day"},
    "date_tba": {"vi": "Ngày sẽ thông báo sau", "en": "Date to be announced"},
    "by_month": {"vi": "Lịch theo tháng", "en": "Calendar by month"},
    "previous_month": {"vi": "Tháng trước", "en": "Previous month"},
    "next_month": {"vi": "Tháng sau", "en": "Next month"},
    "last_release": {"vi": "Lần phát hành gần nhất", "en": "Latest release"},
    "next_release": {"vi": "Lần phát hành tiếp theo", "en": "Next release"},
    "no_next_release": {"vi": "Chưa có lịch phát hành tiếp theo.",
                        "en": "No further release is scheduled yet."},
    "no_release_discontinued": {"vi": "Không còn đợt phát hành nào: sản phẩm đã ngừng phổ biến.",
                                "en": "None: the product is discontinued."},
    "no_last_release": {"vi": "Chưa phát hành lần nào.", "en": "Not released yet."},
    "released_list": {"vi": "Đã phát hành", "en": "Released"},
    "product_calendar_note": {
        "vi": "Dạng sản phẩm, đơn vị chịu trách nhiệm và đối tượng sử dụng của từng sản phẩm "
        "có ở trang sản phẩm và trang từng đợt phổ biến.",
        "en": "Each product's form, responsible unit and audience groups are on its product "
        "page and on each release's page.",
    },
    "feed_of_product": {
        "vi": "Lịch của sản phẩm này (iCalendar)",
        "en": "This product's calendar (iCalendar)",
    },
    "month_provisional": {
        "vi": "{month} (dự kiến, ngày cụ thể sẽ thông báo sau)",
        "en": "{month} (provisional; the exact date will be announced)",
    },
    "what": {"vi": "Nội dung phát hành", "en": "What is released"},
    "main_points": {"vi": "Điểm chính", "en": "Main points"},
    "documents": {"vi": "Tài liệu", "en": "Documents"},
    "document_link": {"vi": "{title} ({kind}, {size})", "en": "{title} ({kind}, {size})"},
    "corrections": {"vi": "Đính chính", "en": "Corrections"},
    "corrections_intro": {
        "vi": "Các thông báo đính chính số liệu đã công bố, mới nhất trước.",
        "en": "Correction notices for released figures, newest first.",
    },
    "correction_of": {"vi": "Đính chính ngày {when}", "en": "Correction of {when}"},
    "col_wrong": {"vi": "Nội dung sai", "en": "What was wrong"},
    "col_changed": {"vi": "Nội dung đã sửa", "en": "What changed"},
    "media_contact": {"vi": "Liên hệ báo chí", "en": "Media contact"},
    "contact_name": {"vi": "Người liên hệ", "en": "Contact person"},
    "contact_phone": {"vi": "Điện thoại", "en": "Phone"},
    "contact_email": {"vi": "Thư điện tử", "en": "E-mail"},
    "release_before": {"vi": "Đợt trước", "en": "Previous release"},
    "release_after": {"vi": "Đợt sau", "en": "Next release"},
    "other_releases": {"vi": "Các đợt khác của sản phẩm", "en": "Other releases of the product"},
    "feed_address": {"vi": "Địa chỉ để đăng ký", "en": "Address to subscribe"},
    "atom_feed": {
        "vi": "Bản tin Atom về các đợt phát hành và điều chỉnh lịch",
        "en": "Atom feed of releases and calendar changes",
    },
    "feed_all": {"vi": "Toàn bộ lịch phổ biến", "en": "All releases"},
    "feeds_by_audience": {"vi": "Lịch chung và theo đối tượng sử dụng",
                          "en": "All releases and by audience group"},
    "feeds_by_product": {"vi": "Lịch của từng sản phẩm", "en": "One product's calendar"},
    "copy": {"vi": "Sao chép", "en": "Copy"},
    "filters": {"vi": "Lọc theo đối tượng, chủ đề", "en": "By audience or topic"},
    "subscribe_webcal": {"vi": "Đăng ký (webcal)", "en": "Subscribe (webcal)"},
    "subscribe_to": {"vi": "Đăng ký (webcal): {name}", "en": "Subscribe (webcal): {name}"},
    "download_ics": {"vi": "Tải tệp .ics", "en": "Download .ics"},
    "download_ics_of": {"vi": "Tải tệp .ics: {name}", "en": "Download .ics: {name}"},
    "copy_address": {"vi": "Sao chép địa chỉ: {name}", "en": "Copy the address: {name}"},
    "copied": {"vi": "Đã sao chép", "en": "Copied"},
    "datasets": {"vi": "Dữ liệu", "en": "Data"},
    "datasets_intro": {
        "vi": "Số liệu của các đợt phổ biến đã công bố, để tải về dưới dạng CSV, Excel, JSON "
        "và Parquet. Mỗi bộ dữ liệu kèm mô tả theo chuẩn Frictionless Data Package.",
        "en": "Figures of the published releases, to download as CSV, Excel, JSON and Parquet. "
        "Each dataset comes with a Frictionless Data Package description.",
    },
    "data": {"vi": "Dữ liệu", "en": "Data"},
    "release_data": {"vi": "Dữ liệu của đợt phát hành", "en": "Data of this release"},
    "downloads": {"vi": "Tải về", "en": "Downloads"},
    "col_format": {"vi": "Định dạng", "en": "Format"},
    "col_size": {"vi": "Dung lượng", "en": "Size"},
    "preview": {
        "vi": "{n} dòng đầu trong tổng số {total} dòng",
        "en": "The first {n} of {total} rows",
    },
    "preview_heading": {"vi": "Xem trước", "en": "Preview"},
    "chart_caption": {
        "vi": "Biểu đồ vẽ từ số liệu đã công bố; bảng số liệu đầy đủ ở các tệp tải về.",
        "en": "Chart drawn from the published figures; the full table is in the downloads.",
    },
    "dataset_page": {
        "vi": "Trang bộ dữ liệu (các lần công bố, mô tả cột)",
        "en": "Dataset page (every release, column descriptions)",
    },
    "latest_release": {"vi": "Lần công bố gần nhất", "en": "Latest release"},
    # Citations (generator/outputs/citations.py): the page's section and the files' note.
    "cite_heading": {"vi": "Trích dẫn", "en": "Cite this"},
    "cite_text": {
        # No version code here: the title names the release in words, and the code (in
        # the files' version field) would stand where readers look for a label.
        "vi": "{author} ({year}). {title}. Kỳ báo cáo: {period}. Công bố ngày {date}. {url}.",
        "en": "{author} ({year}). {title}. Reference period: {period}. Released {date}. {url}.",
    },
    "cite_accessed": {
        "vi": "Truy cập ngày [ngày bạn truy cập].",
        "en": "Accessed [the date you accessed it].",
    },
    "cite_note": {
        "vi": "Kỳ báo cáo: {period}. Phiên bản: {version}",
        "en": "Reference period: {period}. Version: {version}",
    },
    "cite_access": {
        "vi": "Hãy ghi ngày bạn truy cập vào chỗ trong ngoặc vuông. Các tệp dưới đây không ghi "
        "ngày truy cập: phần mềm quản lý tài liệu tham khảo tự thêm ngày khi bạn nhập tệp.",
        "en": "Write the date you accessed the page in the square brackets. The files below "
        "carry no access date: reference managers add it when you import them.",
    },
    "cite_files": {"vi": "Tải trích dẫn", "en": "Download the citation"},
    "rows": {"vi": "Số dòng", "en": "Rows"},
    "notes": {"vi": "Ghi chú", "en": "Notes"},
    "latest_address": {
        "vi": "Địa chỉ các tệp trên luôn là số liệu mới nhất. Số liệu của từng lần công bố "
        "được giữ nguyên ở mục Các lần công bố.",
        "en": "These addresses always serve the latest figures. Each release's figures are "
        "kept unchanged under Releases of this dataset.",
    },
    "columns": {"vi": "Mô tả các cột", "en": "Columns"},
    "col_column": {"vi": "Cột", "en": "Column"},
    "col_label": {"vi": "Tên", "en": "Label"},
    "col_type": {"vi": "Kiểu", "en": "Type"},
    "col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "symbols": {"vi": "Ký hiệu trong bảng số liệu", "en": "Symbols in the tables"},
    "col_symbol": {"vi": "Ký hiệu", "en": "Symbol"},
    "col_meaning": {"vi": "Ý nghĩa", "en": "Meaning"},
    "revisions_heading": {"vi": "Số liệu qua các đợt phổ biến", "en": "What was known when"},
    "revisions_intro": {
        "vi": "Một kỳ báo cáo có thể được công bố nhiều lần: số ước tính, rồi số sơ bộ, số "
        "chính thức. Tệp dưới đây ghi số liệu của từng kỳ ở mỗi đợt phổ biến đã diễn ra, kèm "
        "mã và thời điểm của đợt đó; số liệu của một đợt chưa đến giờ công bố không bao giờ có "
        "ở đây.",
        "en": "A reference period may be released several times: an estimate, then "
        "preliminary and official figures. The files below give each period's figures at "
        "each release that has taken place, with that release's identifier and time; "
        "figures of a release still to come are never in them.",
    },
    "revisions_table": {
        "vi": "Các kỳ được công bố lại gần đây nhất",
        "en": "The periods most recently released again",
    },
    "revisions_files": {"vi": "Tệp số liệu qua các đợt phổ biến", "en": "Files"},
    "col_release_of": {"vi": "Đợt phổ biến", "en": "Release"},
    "before_calendars": {"vi": "Trước khi có lịch phổ biến", "en": "Before the calendars"},
    "vintages": {"vi": "Các lần công bố", "en": "Releases of this dataset"},
    "vintages_intro": {
        "vi": "Số liệu đúng như đã công bố trong từng đợt, để so sánh số ước tính, sơ bộ và "
        "chính thức.",
        "en": "The figures exactly as published in each release, to compare estimates, "
        "preliminary and official figures.",
    },
    "bulk": {"vi": "Tải toàn bộ dữ liệu", "en": "Bulk download"},
    "bulk_link": {
        "vi": "Tất cả bộ dữ liệu trong một tệp ZIP",
        "en": "Every dataset in one ZIP file",
    },
    "bulk_date": {"vi": "cập nhật {date}", "en": "updated {date}"},
    "col_dataset": {"vi": "Bộ dữ liệu", "en": "Dataset"},
    "punctuality": {"vi": "Tính kịp thời", "en": "Punctuality"},
    "punctuality_intro": {
        "vi": "Thời điểm công bố theo lịch và thời điểm thực tế của từng đợt phổ biến, theo "
        "nhật ký xuất bản. Đúng hạn: công bố không muộn quá {minutes} phút so với lịch.",
        "en": "The announced and the actual time of each release, from the publish log. On "
        "time: published no more than {minutes} minutes after the announced time.",
    },
    "on_time_share": {"vi": "Năm {year}: {n}/{total} đợt đúng hạn ({share}).",
                      "en": "{year}: {n} of {total} releases on time ({share})."},
    "on_time_none": {
        "vi": "Năm {year}: chưa có đợt nào được ghi nhận thời điểm công bố thực tế. Thời "
        "điểm thực tế được ghi từ lần xuất bản thứ hai trở đi.",
        "en": "{year}: no release has a recorded actual time yet. Actual times are recorded "
        "from the site's second publish on.",
    },
    "col_announced_time": {"vi": "Theo lịch", "en": "Announced"},
    "col_actual_time": {"vi": "Thực tế", "en": "Actual"},
    "col_on_time": {"vi": "Đúng hạn", "en": "On time"},
    "col_lateness": {"vi": "Độ trễ", "en": "Lateness"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
    "not_recorded": {"vi": "Chưa ghi nhận", "en": "Not recorded"},
    "unrecorded_count": {
        "vi": "{n} đợt chưa ghi nhận thời điểm thực tế (công bố trước khi có nhật ký xuất bản, "
        "hoặc chưa được lần xuất bản nào ghi lại)",
        "en": "{n} releases without a recorded actual time (out before the publish log began, "
        "or not yet recorded by any publish)",
    },
    "part": {"vi": "phần {n}", "en": "part {n}"},
    "parts": {"vi": "Các phần", "en": "Parts"},
    "search": {"vi": "Tìm kiếm", "en": "Search"},
    "search_none": {"vi": "Không tìm thấy kết quả.", "en": "Nothing found."},
    "search_count": {"vi": "{n} kết quả", "en": "{n} results"},
    "search_noscript": {
        "vi": "Tìm kiếm cần JavaScript. Bạn vẫn có thể tra cứu qua các danh mục:",
        "en": "Search needs JavaScript. You can still browse the lists:",
    },
    "search_placeholder": {"vi": "Tìm sản phẩm, đợt phổ biến, dữ liệu (gõ có hoặc không dấu)",
                           "en": "Search products, releases, data"},
    "preview_banner": {
        "vi": "BẢN XEM TRƯỚC NỘI BỘ: trang web như sẽ hiển thị lúc {when}. Không được công bố.",
        "en": "INTERNAL PREVIEW: the site as it will be at {when}. Not for publication.",
    },
    "shifted_day_off": {
        "vi": "Theo quy tắc, ngày phổ biến là {due}; do trùng ngày nghỉ nên chuyển sang ngày "
        "làm việc tiếp theo.",
        "en": "The rule's date was {due}, a day off, so the release moves to the next working day.",
    },
    # The embeddable chart (generator/outputs/pages/embed.py) and its code on the
    # dataset page.
    "embed_heading": {"vi": "Nhúng biểu đồ", "en": "Embed this chart"},
    "embed_intro": {
        "vi": "Báo chí và các trang tin có thể đặt biểu đồ này, kèm bảng số liệu và nguồn, "
        "vào trang của mình bằng đoạn mã dưới đây. Biểu đồ luôn là số liệu mới nhất đã "
        "công bố.",
        "en": "Newsrooms and websites can put this chart, with its figures and source, on "
        "their own pages with the code below. It always shows the latest published figures.",
    },
    "embed_code": {"vi": "Mã nhúng: {name}", "en": "Embed code: {name}"},
    "copy_embed": {"vi": "Sao chép mã nhúng: {name}", "en": "Copy the embed code: {name}"},
    "embed_open": {"vi": "Xem trang nhúng", "en": "Open the embed page"},
    "embed_frame_title": {"vi": "{name} (biểu đồ, {office})", "en": "{name} (chart, {office})"},
    "embed_table": {"vi": "Bảng số liệu của biểu đồ", "en": "The chart's figures"},
    "embed_source": {"vi": "Nguồn: {office}", "en": "Source: {office}"},
    "embed_released": {"vi": "Công bố gần nhất: {when}", "en": "Last released: {when}"},
    "embed_more": {
        "vi": "Bộ dữ liệu đầy đủ và tệp tải về",
        "en": "The full dataset and downloads",
    },
}

# From generator/i18n.py.
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
    "status": {
        "provisional": {"vi": "Dự kiến", "en": "Provisional"},
        "confirmed": {"vi": "Đã xác nhận", "en": "Confirmed"},
        "published": {"vi": "Đã phát hành", "en": "Published"},
        "cancelled": {"vi": "Đã hủy", "en": "Cancelled"},
    },
    "shift": {
        "postponed": {"vi": "Lùi lịch", "en": "Postponed"},
        "brought-forward": {"vi": "Đưa lên sớm", "en": "Brought forward"},
    },
    "column_type": {
        "string": {"vi": "Văn bản", "en": "Text"},
        "code": {"vi": "Mã (văn bản)", "en": "Code (text)"},
        "integer": {"vi": "Số nguyên", "en": "Whole number"},
        "number": {"vi": "Số", "en": "Number"},
        "date": {"vi": "Ngày", "en": "Date"},
        "period": {"vi": "Kỳ báo cáo", "en": "Reference period"},
        "completeness": {"vi": "Mức độ hoàn chỉnh (đợt phổ biến)",
                         "en": "Completeness (which release)"},
    },
    "download_format": {
        "csv": {"vi": "CSV", "en": "CSV"},
        "xlsx": {"vi": "Excel (XLSX)", "en": "Excel (XLSX)"},
        "json": {"vi": "JSON", "en": "JSON"},
        "parquet": {"vi": "Parquet", "en": "Parquet"},
        "datapackage": {
            "vi": "Mô tả dữ liệu (datapackage.json)",
            "en": "Data description (datapackage.json)",
        },
        "px": {"vi": "PX (PC-Axis, cho PxWeb)", "en": "PX (PC-Axis, for PxWeb)"},
        "jsonstat": {"vi": "JSON-stat 2.0", "en": "JSON-stat 2.0"},
        "sdmx": {"vi": "SDMX-CSV 2.0", "en": "SDMX-CSV 2.0"},
    },
    "access": {
        "public": {"vi": "Công khai", "en": "Public"},
        "on-request": {"vi": "Cung cấp theo yêu cầu", "en": "On request"},
        "restricted": {"vi": "Hạn chế", "en": "Restricted"},
    },
}

# From generator/outputs/charts.py.
CHART = {
    "line": {"vi": "Biểu đồ đường", "en": "Line chart"},
    "bar": {"vi": "Biểu đồ cột", "en": "Bar chart"},
    "from_to": {"vi": "từ {a} đến {b}", "en": "from {a} to {b}"},
    "series": {
        "vi": "{name}: thấp nhất {low}, cao nhất {high}, gần nhất {last}",
        "en": "{name}: lowest {low}, highest {high}, latest {last}",
    },
}

# From generator/outputs/feeds.py.
FEED_MARKERS = {
    "cancelled": {"vi": "[ĐÃ HỦY] ", "en": "[CANCELLED] "},
    "moved": {"vi": "[ĐÃ DỜI LỊCH] ", "en": "[RESCHEDULED] "},
    "provisional": {"vi": "[DỰ KIẾN] ", "en": "[PROVISIONAL] "},
    "correction": {"vi": "[ĐÍNH CHÍNH] ", "en": "[CORRECTION] "},
}

# From generator/outputs/feeds.py.
FEED = {
    "moved": {
        "vi": "Dời lịch: từ {before} sang {after}. Lý do: {reason}",
        "en": "Rescheduled from {before} to {after}. Reason: {reason}",
    },
    "cancelled": {
        "vi": "Đã hủy (dự kiến {before}). Lý do: {reason}",
        "en": "Cancelled (was {before}). Reason: {reason}",
    },
    "added": {
        "vi": "Bổ sung vào lịch. Lý do: {reason}",
        "en": "Added to the calendar. Reason: {reason}",
    },
    "correction": {
        "vi": "Đính chính. Nội dung sai: {wrong} Nội dung đã sửa: {changed}",
        "en": "Correction. What was wrong: {wrong} What changed: {changed}",
    },
    "main_points": {"vi": "Điểm chính: {text}", "en": "Main points: {text}"},
    "calname": {
        "vi": "Lịch phổ biến thông tin thống kê - {office}",
        "en": "Statistical release calendar - {office}",
    },
    "caldesc": {
        "vi": "Lịch phổ biến thông tin thống kê của {office}: {scope}.",
        "en": "Release calendar of the {office}: {scope}.",
    },
}

# From generator/outputs/datasets/bulk.py.
BULK_FORMATS = dict(
    vi="CSV (UTF-8, mở được bằng Excel), XLSX (bảng dữ liệu và bảng thông tin), JSON, "
    "Parquet, datapackage.json (mô tả các cột theo chuẩn Frictionless Data Package), "
    "PX (cho PxWeb), JSON-stat 2.0 và SDMX-CSV 2.0",
    en="CSV (UTF-8, opens in Excel), XLSX (a data sheet and a metadata sheet), JSON, "
    "Parquet, datapackage.json (the columns described as a Frictionless Data Package), "
    "PX (for PxWeb), JSON-stat 2.0 and SDMX-CSV 2.0",
)

# From generator/outputs/datasets/exchange/: the words PX, JSON-stat and SDMX-CSV files
# carry beside the catalog's own.
EXCHANGE: dict[str, Any] = {
    # The dimension whose items are a table's number columns.
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    # A PX or JSON-stat cell the table has no row (or no value and no symbol) for.
    "absent": {"vi": "Không có trong bảng", "en": "Not in the table"},
    # Why a table has no exchange files (the staff's notice not-a-cube).
    "no-number": {"vi": "bảng không có cột số", "en": "the table has no number column"},
    "duplicate": {"vi": "hai dòng trùng nhau ở mọi cột kỳ, mã và văn bản",
                  "en": "two rows share every period, code and text column"},
    "sparse": {"vi": "{rows} dòng sẽ thành {cells} ô: một cột văn bản có quá nhiều giá trị",
               "en": "{rows} rows would make {cells} cells: a text column has too many values"},
    # PX's TITLE: "{contents} theo {dimensions}".
    "by": {"vi": "{contents} theo {dimensions}", "en": "{contents} by {dimensions}"},
}

# From generator/outputs/datasets/bulk.py.
BULK = {
    "title": dict(vi="Toàn bộ dữ liệu công khai", en="Every public dataset"),
    "date": dict(vi="Số liệu đã công bố đến {when}.", en="Figures released up to {when}."),
    "inside": dict(
        vi="Mỗi bộ dữ liệu nằm trong một thư mục mang mã của nó, gồm các tệp: {formats}.",
        en="Each dataset is in a folder named by its identifier, with these files: {formats}.",
    ),
    "list": dict(vi="Các bộ dữ liệu", en="Datasets"),
    "rows": dict(vi="{n} dòng", en="{n} rows"),
    "symbols": dict(
        vi="Ký hiệu trong các ô không có số liệu",
        en="Symbols in cells without a figure",
    ),
    "own": dict(vi="Ký hiệu riêng của bộ dữ liệu này", en="This dataset's own symbols"),
    "none": dict(vi="Chưa có bộ dữ liệu nào.", en="No datasets yet."),
}


# From generator/i18n.py: each language's name in itself, for the language switcher.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
# A language named in a sentence of each language: "published in Vietnamese".
LANGUAGE_IN = {"vi": {"vi": "tiếng Việt", "en": "tiếng Anh"},
               "en": {"vi": "Vietnamese", "en": "English"}}
# The units of a release's lateness, largest first: (seconds in one, its name in each
# language).
LATENESS_UNITS = ((86400, {"vi": "ngày", "en": "d"}), (3600, {"vi": "giờ", "en": "h"}),
                  (60, {"vi": "phút", "en": "min"}), (1, {"vi": "giây", "en": "s"}))
# A month in running text: "tháng 12/2026" (Babel writes the digits).
MONTH_IN_TEXT = {"vi": "tháng {month}", "en": "{month}"}

# From generator/releases/plan.py: a reference period named in running text.
PERIOD = {
    "month": {"vi": "tháng {m:02d}/{y}", "en": "{month} {y}"},
    "quarter": {"vi": "quý {roman}/{y}", "en": "Q{i} {y}"},
    "half-1": {"vi": "6 tháng đầu năm {y}", "en": "first half of {y}"},
    "half-2": {"vi": "6 tháng cuối năm {y}", "en": "second half of {y}"},
    "nine-months": {"vi": "9 tháng năm {y}", "en": "first nine months of {y}"},
    "year": {"vi": "năm {y}", "en": "{y}"},
}

# From generator/outputs/datasets/revisions.py: the two columns the revision table adds.
REVISION_COLUMNS = {
    "release": {"vi": "Đợt phổ biến", "en": "Release"},
    "release_time": {"vi": "Thời điểm phổ biến", "en": "Release time"},
}

# From generator/outputs/dcat.py: the title of the DCAT theme scheme.
SCHEME_TITLE = {"vi": "Chủ đề thống kê", "en": "Statistical topics"}

# From generator/outputs/datasets/writers.py: the XLSX file's metadata sheet, whose labels
# carry both languages side by side (one file serves both sites).
XLSX_SHEET: dict[str, Any] = {
    "title": "Tên / Title",
    "description": "Mô tả / Description",
    "notes": "Ghi chú / Notes",
    "columns": ["Cột / Column", "Nhãn / Label (vi)", "Label (en)", "Kiểu / Type",
                "Đơn vị / Unit"],
    "symbols": ["Ký hiệu / Symbol", "Ý nghĩa", "Meaning"],
    "truncated": {"vi": "Chỉ {rows} dòng đầu; tải CSV hoặc Parquet để có đủ.",
                  "en": "First {rows} rows only; the CSV and Parquet files have all."},
    "data": {"vi": "du-lieu", "en": "data"},
    "metadata": {"vi": "thong-tin", "en": "metadata"},
}

# From generator/outputs/api.py: what /api/v1/index.json says of itself and of each file.
API = {
    "title": {
        "vi": "API tĩnh: danh mục sản phẩm và lịch phổ biến thông tin thống kê - {office}",
        "en": "Static API: product catalog and statistical release calendar - {office}",
    },
    "products": {"vi": "Các sản phẩm thống kê công khai", "en": "The public statistical products"},
    "releases": {
        "vi": "Mọi lần phổ biến trong lịch công khai",
        "en": "Every release of the public calendar",
    },
    "changes": {
        "vi": "Danh sách các ngày có thay đổi: phát hành, điều chỉnh lịch",
        "en": "The days on which something changed: releases, calendar adjustments",
    },
}
