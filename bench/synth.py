"""Synthetic catalogs for the scale benchmarks: a whole phobien project of a given size.

    python bench/synth.py DIR [S|P200|M|L] [SEED]

Sizes (the issue "Benchmarks at national scale"):

- ``S``: a copy of the bundled example (catalog/, docs/ and mkdocs.yml);
- ``P200``: 200 products, 3,000 releases, 20 datasets of 50,000 rows each (1 million);
- ``M``: 1,000 products, 15,000 releases, 100 datasets of 100,000 rows each;
- ``L``: 5,000 products, 75,000 releases, 500 datasets of 20,000 rows (10 million in all).

Realistic in shape: bilingual Vietnamese names and texts (word lists combined, NFC), the
three audiences of Decision 34, ~30 units and ~30 topics, monthly, quarterly, six-monthly
and annual release rules (some at several completeness levels), non-periodic products
listed by date in the calendars, two approved calendars (2026 and 2027) with days off,
a working Saturday, and a few moved, cancelled and added releases. The number of
releases planned over the two calendars is exactly the size's target. Dataset sources are
CSV files streamed to disk row by row. Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Size:
    products: int
    releases: int
    datasets: int
    rows: int  # per dataset


SIZES = {
    # Between S and M: the size the last profile measured (about 6,600 pages, a
    # million dataset rows), a few minutes a run where M takes a quarter of an hour.
    "P200": Size(200, 3_000, 20, 50_000),
    "M": Size(1_000, 15_000, 100, 100_000),
    "L": Size(5_000, 75_000, 500, 20_000),
}
# A size for trying the benchmark itself quickly; not part of the report.
SIZES["XS"] = Size(100, 1_500, 5, 10_000)

YEARS = (2026, 2027)

# --- word lists ----------------------------------------------------------------------------

INDICATORS = [
    ("Chỉ số giá tiêu dùng", "Consumer price index", "gia-ca"),
    ("Chỉ số giá sản xuất", "Producer price index", "gia-ca"),
    ("Chỉ số giá vàng và đô la Mỹ", "Gold and US dollar price indices", "gia-ca"),
    ("Chỉ số sản xuất công nghiệp", "Index of industrial production", "cong-nghiep"),
    ("Chỉ số tiêu thụ sản phẩm công nghiệp chế biến, chế tạo",
     "Consumption index of manufactured products", "cong-nghiep"),
    ("Chỉ số tồn kho ngành công nghiệp chế biến, chế tạo",
     "Inventory index of manufacturing", "cong-nghiep"),
    ("Điện sản xuất và điện thương phẩm", "Electricity generated and sold", "nang-luong"),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
     "Retail sales of goods and consumer services", "thuong-mai"),
    ("Doanh thu dịch vụ lưu trú và ăn uống", "Accommodation and food service revenue",
     "du-lich"),
    ("Khách du lịch quốc tế đến Việt Nam", "International visitors to Việt Nam", "du-lich"),
    ("Kim ngạch xuất khẩu hàng hóa", "Merchandise exports", "xuat-nhap-khau"),
    ("Kim ngạch nhập khẩu hàng hóa", "Merchandise imports", "xuat-nhap-khau"),
    ("Vận tải hành khách và hàng hóa", "Passenger and freight transport", "van-tai"),
    ("Vốn đầu tư thực hiện từ nguồn ngân sách nhà nước",
     "Investment from the state budget", "dau-tu"),
    ("Vốn đầu tư trực tiếp nước ngoài", "Foreign direct investment", "dau-tu"),
    ("Thu ngân sách nhà nước", "State budget revenue", "tai-chinh"),
    ("Chi ngân sách nhà nước", "State budget expenditure", "tai-chinh"),
    ("Tổng sản phẩm trên địa bàn", "Gross regional domestic product", "tai-khoan-quoc-gia"),
    ("Năng suất lao động xã hội", "Social labour productivity", "tai-khoan-quoc-gia"),
    ("Sản lượng lúa", "Rice output", "nong-nghiep"),
    ("Diện tích gieo trồng cây hằng năm", "Area sown with annual crops", "nong-nghiep"),
    ("Số lượng gia súc, gia cầm", "Livestock and poultry", "chan-nuoi"),
    ("Sản lượng thủy sản", "Fishery output", "thuy-san"),
    ("Diện tích rừng trồng mới tập trung", "New concentrated forest plantations", "lam-nghiep"),
    ("Lực lượng lao động và việc làm", "Labour force and employment", "lao-dong"),
    ("Tỷ lệ thất nghiệp và thiếu việc làm", "Unemployment and underemployment",
     "lao-dong"),
    ("Thu nhập bình quân một lao động", "Average earnings per worker", "thu-nhap"),
    ("Tỷ lệ hộ nghèo đa chiều", "Multidimensional poverty rate", "muc-song"),
    ("Dân số trung bình", "Average population", "dan-so"),
    ("Tỷ suất sinh thô và tỷ suất chết thô", "Crude birth and death rates", "dan-so"),
    ("Số doanh nghiệp đăng ký thành lập mới", "Newly registered enterprises", "doanh-nghiep"),
    ("Số hợp tác xã đang hoạt động", "Active cooperatives", "doanh-nghiep"),
    ("Số trường học, lớp học, giáo viên và học sinh",
     "Schools, classes, teachers and pupils", "giao-duc"),
    ("Số cơ sở y tế và giường bệnh", "Health establishments and hospital beds", "y-te"),
    ("Tai nạn giao thông", "Traffic accidents", "trat-tu-an-toan"),
    ("Thuê bao điện thoại và internet", "Telephone and internet subscriptions",
     "buu-chinh-vien-thong"),
    ("Chỉ số phát triển con người", "Human development index", "muc-song"),
]

BREAKDOWNS = [
    ("", ""),
    ("phân theo huyện, thành phố", "by district"),
    ("phân theo ngành kinh tế", "by economic activity"),
    ("phân theo loại hình kinh tế", "by type of ownership"),
    ("phân theo giới tính và nhóm tuổi", "by sex and age group"),
    ("phân theo thành thị, nông thôn", "by urban and rural area"),
    ("phân theo nhóm hàng", "by commodity group"),
    ("phân theo xã, phường, thị trấn", "by commune"),
    ("phân theo quy mô lao động", "by employment size"),
]

PLACES = [
    ("cả nước", "Việt Nam"), ("thành phố Hà Nội", "Hà Nội city"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh City"), ("tỉnh Lạng Sơn", "Lạng Sơn province"),
    ("thành phố Huế", "Huế city"), ("tỉnh Sóc Trăng", "Sóc Trăng province"),
    ("tỉnh Cà Mau", "Cà Mau province"), ("tỉnh Nghệ An", "Nghệ An province"),
    ("tỉnh Đắk Lắk", "Đắk Lắk province"), ("tỉnh Quảng Ninh", "Quảng Ninh province"),
    ("thành phố Cần Thơ", "Cần Thơ city"), ("thành phố Đà Nẵng", "Đà Nẵng city"),
    ("tỉnh Lâm Đồng", "Lâm Đồng province"), ("tỉnh Điện Biên", "Điện Biên province"),
    ("tỉnh Thanh Hóa", "Thanh Hóa province"), ("thành phố Hải Phòng", "Hải Phòng city"),
    ("tỉnh Gia Lai", "Gia Lai province"), ("tỉnh An Giang", "An Giang province"),
    ("tỉnh Đồng Tháp", "Đồng Tháp province"), ("tỉnh Tuyên Quang", "Tuyên Quang province"),
    ("vùng Đồng bằng sông Hồng", "the Red River Delta"),
    ("vùng Đồng bằng sông Cửu Long", "the Mekong River Delta"),
    ("vùng Trung du và miền núi phía Bắc", "the Northern Midlands and Mountains"),
    ("vùng Tây Nguyên", "the Central Highlands"),
]

TOPICS = [
    ("kinh-te-xa-hoi", "Tình hình kinh tế - xã hội", "Socio-economic situation"),
    ("tai-khoan-quoc-gia", "Tài khoản quốc gia", "National accounts"),
    ("gia-ca", "Giá cả", "Prices"),
    ("cong-nghiep", "Công nghiệp", "Industry"),
    ("nang-luong", "Năng lượng", "Energy"),
    ("xay-dung", "Xây dựng", "Construction"),
    ("thuong-mai", "Thương mại", "Trade"),
    ("du-lich", "Du lịch", "Tourism"),
    ("xuat-nhap-khau", "Xuất khẩu, nhập khẩu", "Exports and imports"),
    ("van-tai", "Vận tải", "Transport"),
    ("buu-chinh-vien-thong", "Bưu chính, viễn thông", "Post and telecommunications"),
    ("dau-tu", "Đầu tư", "Investment"),
    ("tai-chinh", "Tài chính, ngân sách", "Public finance"),
    ("ngan-hang", "Ngân hàng, tín dụng", "Banking and credit"),
    ("nong-nghiep", "Nông nghiệp", "Agriculture"),
    ("chan-nuoi", "Chăn nuôi", "Livestock"),
    ("lam-nghiep", "Lâm nghiệp", "Forestry"),
    ("thuy-san", "Thủy sản", "Fishery"),
    ("dan-so", "Dân số", "Population"),
    ("lao-dong", "Lao động, việc làm", "Labour and employment"),
    ("thu-nhap", "Thu nhập", "Earnings"),
    ("muc-song", "Mức sống dân cư", "Living standards"),
    ("doanh-nghiep", "Doanh nghiệp", "Enterprises"),
    ("giao-duc", "Giáo dục", "Education"),
    ("y-te", "Y tế", "Health"),
    ("van-hoa", "Văn hóa, thể thao", "Culture and sport"),
    ("trat-tu-an-toan", "Trật tự, an toàn xã hội", "Public order and safety"),
    ("moi-truong", "Môi trường", "Environment"),
    ("gioi", "Thống kê giới", "Gender statistics"),
    ("phat-trien-ben-vung", "Mục tiêu phát triển bền vững", "Sustainable development goals"),
]

UNITS = [
    ("tong-hop", "Ban Thống kê Tổng hợp", "Integrated Statistics Department"),
    ("tai-khoan-quoc-gia", "Ban Hệ thống tài khoản quốc gia", "National Accounts Department"),
    ("nong-lam-thuy-san", "Ban Thống kê Nông, lâm nghiệp và thủy sản",
     "Agriculture, Forestry and Fishery Statistics Department"),
    ("cong-nghiep-xay-dung", "Ban Thống kê Công nghiệp và Xây dựng",
     "Industry and Construction Statistics Department"),
    ("thuong-mai-dich-vu", "Ban Thống kê Thương mại và Dịch vụ",
     "Trade and Services Statistics Department"),
    ("gia", "Ban Thống kê Giá", "Price Statistics Department"),
    ("dan-so-lao-dong", "Ban Thống kê Dân số và Lao động",
     "Population and Labour Statistics Department"),
    ("xa-hoi-moi-truong", "Ban Thống kê Xã hội và Môi trường",
     "Social and Environmental Statistics Department"),
    ("phuong-phap-che-do", "Ban Phương pháp chế độ và Quản lý chất lượng thống kê",
     "Methodology and Quality Management Department"),
    ("thu-thap", "Ban Thu thập thông tin và Ứng dụng công nghệ thông tin",
     "Data Collection and IT Department"),
    ("hop-tac-quoc-te", "Ban Hợp tác quốc tế", "International Cooperation Department"),
    ("van-phong", "Văn phòng", "Administrative Office"),
    ("trung-tam-tin-hoc", "Trung tâm Tin học thống kê", "Statistical Informatics Centre"),
    ("nxb-thong-ke", "Nhà xuất bản Thống kê", "Statistical Publishing House"),
    ("tap-chi", "Tạp chí Con số và Sự kiện", "Numbers and Events Magazine"),
    ("vien-khoa-hoc", "Viện Khoa học thống kê", "Statistical Science Institute"),
]
REGIONS = ["Hà Nội", "Hải Phòng", "Quảng Ninh", "Lạng Sơn", "Nghệ An", "Huế", "Đà Nẵng",
           "Đắk Lắk", "Lâm Đồng", "Cần Thơ", "Cà Mau", "An Giang", "Đồng Tháp", "Gia Lai"]

FORMS = ["print", "pdf", "spreadsheet", "web-table", "data-file", "infographic"]
DISSEMINATION = ["press-conference", "website", "print", "press-release", "social-media"]
TIMES = ["08:00", "09:00", "09:00", "09:30", "10:00", "14:00", "15:00", None]

CONTENT_VI = [
    "Số liệu {name_l} theo {period}, so với cùng kỳ năm trước và kỳ trước.",
    "Bao gồm các chỉ tiêu chủ yếu về quy mô, cơ cấu và tốc độ tăng.",
    "Số liệu được tổng hợp theo phương pháp thống nhất, bảo đảm so sánh được giữa các kỳ.",
    "Kèm theo biểu đồ, bảng số liệu chi tiết và giải thích thuật ngữ.",
    "Các chỉ tiêu được tính theo giá hiện hành và giá so sánh năm 2010.",
    "Số liệu chi tiết đến cấp huyện, thường gồm chuỗi 5 năm gần nhất.",
]
CONTENT_EN = [
    "Figures on {name_l} for each {period_en}, compared with the same period of the "
    "previous year and the previous period.",
    "Includes the main indicators of size, structure and growth.",
    "Compiled with a common method so that periods can be compared.",
    "With charts, detailed tables and a glossary of terms.",
    "Indicators at current prices and at constant 2010 prices.",
    "Figures are broken down by district and usually cover the last five years.",
]
SOURCE_VI = [
    "Điều tra thống kê hằng tháng theo Chương trình điều tra thống kê quốc gia.",
    "Chế độ báo cáo thống kê áp dụng đối với các bộ, ngành và địa phương.",
    "Dữ liệu hành chính của các bộ, ngành chia sẻ theo quy chế phối hợp.",
    "Tổng điều tra và điều tra mẫu; suy rộng theo quyền số của năm gốc.",
]
SOURCE_EN = [
    "Monthly statistical surveys of the national statistical survey programme.",
    "Statistical reporting by ministries, agencies and provinces.",
    "Administrative data shared by ministries under coordination rules.",
    "Censuses and sample surveys, weighted to the base year.",
]
PERIOD_WORDS = {
    "monthly": ("tháng", "month"), "quarterly": ("quý", "quarter"),
    "six-monthly": ("6 tháng", "half-year"), "annual": ("năm", "year"),
    "irregular": ("đợt điều tra", "survey round"),
}
COMMUNES = ["Phường Chi Lăng", "Xã Mai Pha", "Phường Đông Kinh", "Xã Hoàng Đồng",
            "Thị trấn Đồng Đăng", "Xã Tân Thanh", "Phường Tam Thanh", "Xã Quảng Lạc",
            "Xã Yên Trạch", "Phường Hoàng Văn Thụ", "Xã Bắc Sơn", "Xã Hữu Lũng"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + nfc(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(text: str) -> str:
    from generator.text import fold

    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in fold(text))
    return "-".join(p for p in out.split("-") if p)


# --- the project ---------------------------------------------------------------------------

MKDOCS = """\
site_name: phobien
site_url: https://thongke.example.gov.vn/
docs_dir: docs
use_directory_urls: true

theme:
  name: material
  language: vi
  font: false
  palette:
    primary: indigo
    accent: indigo
  features:
    - navigation.top
    - search.highlight

plugins:
  - phobien:
      catalog: catalog

markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true

extra:
  generator: false

validation:
  nav:
    omitted_files: ignore
    not_found: warn
  links:
    not_found: warn
    absolute_links: warn
    unrecognized_links: warn
"""

SITE = """\
office:
  name: {vi: "Cục Thống kê", en: "National Statistics Office"}
  short_name: {vi: "Cục Thống kê", en: "NSO Việt Nam"}
  description:
    vi: "Cục Thống kê thu thập, tổng hợp, phân tích và phổ biến thông tin thống kê kinh tế - xã hội của cả nước, theo Chính sách phổ biến thông tin thống kê nhà nước."
    en: "The National Statistics Office collects, compiles, analyses and disseminates the country's socio-economic statistics under the State policy on the dissemination of statistical information."
languages: [vi, en]
timezone: Asia/Ho_Chi_Minh
contact:
  address:
    vi: "Số 54 Nguyễn Chí Thanh, phường Láng, thành phố Hà Nội"
    en: "54 Nguyễn Chí Thanh Street, Láng Ward, Hà Nội"
  phone: "024 3846 4921"
  email: "banbientap@nso.gov.vn"
  hours:
    vi: "Thứ Hai đến thứ Sáu, trừ ngày lễ, Tết"
    en: "Monday to Friday, except public holidays"
"""


def make_catalog(root: Path, size: str = "M", seed: int = 1) -> dict[str, int]:
    """Write a complete phobien project of ``size`` into ``root``; return its counts."""
    root.mkdir(parents=True, exist_ok=True)
    if size == "S":
        for name in ("catalog", "docs"):
            shutil.copytree(ROOT / name, root / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("staff"))
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        return _counts(root)
    spec = SIZES[size]
    rng = random.Random(seed)
    cat = root / "catalog"
    for sub in ("products", "calendars", "datasets", "sources"):
        (cat / sub).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs/index.md").write_text(nfc(
        "Chào mừng bạn đến với trang phổ biến thông tin thống kê của Cục Thống kê. Tại đây "
        "bạn tìm thấy danh mục sản phẩm thống kê, lịch phổ biến thông tin thống kê và số "
        "liệu để tải về.\n"), encoding="utf-8")
    (root / "docs/en").mkdir(exist_ok=True)
    (root / "docs/en/index.md").write_text(
        "Welcome to the statistics portal of the National Statistics Office: its catalog "
        "of statistical products, its release calendar and data to download.\n",
        encoding="utf-8")
    (cat / "site.yml").write_text(SITE, encoding="utf-8")
    shutil.copy(ROOT / "catalog/audiences.yml", cat / "audiences.yml")
    (cat / "topics.yml").write_text("".join(
        f"- id: {tid}\n  name: {{vi: {q(vi)}, en: {q(en)}}}\n"
        f"  description: {{vi: {q('Số liệu thống kê về ' + vi.lower() + ' của cả nước và các địa phương.')}, "  # noqa: E501
        f"en: {q('Statistics on ' + en.lower() + ' for the country and its provinces.')}}}\n"
        for tid, vi, en in TOPICS), encoding="utf-8")
    units = list(UNITS) + [(f"cuc-{slug(r)}", f"Chi cục Thống kê {r}", f"{r} Statistics Office")
                           for r in REGIONS]
    (cat / "units.yml").write_text("".join(
        f"- id: {uid}\n  name: {{vi: {q(vi)}, en: {q(en)}}}\n  email: \"{uid}@nso.gov.vn\"\n"
        for uid, vi, en in units), encoding="utf-8")

    products = _products(spec, rng, [u[0] for u in units])
    dated = _dated_releases(products, spec, rng)
    for p in products:
        (cat / "products" / f"{p['id']}.yml").write_text(_product_yaml(p), encoding="utf-8")
    datasets = _datasets(products, spec, rng)
    for d in datasets:
        _write_dataset(cat, d, spec.rows, rng)
    _write_calendars(cat, dated, adjustments={})
    adjustments = _adjustments(root, rng)
    _write_calendars(cat, dated, adjustments)
    return _counts(root)


def _products(spec: Size, rng: random.Random, units: list[str]) -> list[dict]:
    names = [(i, b, p) for i in range(len(INDICATORS)) for b in range(len(BREAKDOWNS))
             for p in range(len(PLACES))]
    rng.shuffle(names)
    n = spec.products
    # Kinds and the releases each plans over two calendar years.
    shares = {"quarterly": 0.25, "quarterly2": 0.05, "six-monthly": 0.05, "irregular": 0.05}
    per = {"monthly": 24, "quarterly": 8, "quarterly2": 16, "six-monthly": 4, "annual": 2,
           "irregular": 2}
    counts = {k: round(v * n) for k, v in shares.items()}
    # The rest are monthly or annual, in the proportion that meets the target.
    rest = n - sum(counts.values())
    fixed = sum(per[k] * c for k, c in counts.items())
    monthly = max(0, min(rest, round((spec.releases - fixed - 2 * rest) / (24 - 2))))
    counts["monthly"] = monthly
    counts["annual"] = rest - monthly
    kinds = [k for k, c in counts.items() for _ in range(c)]
    rng.shuffle(kinds)
    out = []
    for k, (kind, (i, b, pl)) in enumerate(zip(kinds, names, strict=False)):
        ind_vi, ind_en, topic = INDICATORS[i]
        bd_vi, bd_en = BREAKDOWNS[b]
        place_vi, place_en = PLACES[pl]
        vi = " ".join(x for x in (ind_vi, bd_vi, place_vi) if x)
        en = " ".join(x for x in (ind_en, bd_en) if x) + f", {place_en}"
        cycle = {"quarterly2": "quarterly"}.get(kind, kind)
        pv, pe = PERIOD_WORDS[cycle]
        content_vi = " ".join([CONTENT_VI[0].format(name_l=vi[0].lower() + vi[1:], period=pv),
                               *rng.sample(CONTENT_VI[1:], 2)])
        content_en = " ".join([CONTENT_EN[0].format(name_l=en[0].lower() + en[1:],
                                                    period_en=pe), *rng.sample(CONTENT_EN[1:], 2)])
        s = rng.randrange(len(SOURCE_VI))
        others = [t[0] for t in TOPICS if t[0] != topic]
        topics = [topic, *rng.sample(others, rng.choice([0, 1, 2]))]
        audiences = sorted(rng.sample(["leaders", "business", "public"], rng.choice([1, 2, 2, 3])))
        access = "restricted" if k % 97 == 50 else "on-request" if k % 13 == 7 else "public"
        if access == "restricted":
            audiences = ["leaders"]
        day = rng.randint(3, 25)
        time = rng.choice(TIMES)
        if kind == "monthly":
            completeness, rules = ["official"], [{"period": "month", "day": day, "time": time}]
        elif kind == "quarterly":
            completeness, rules = ["official"], [{"period": "quarter", "day": day, "time": time,
                                                   "months_after": rng.choice([1, 1, 2])}]
        elif kind == "quarterly2":
            completeness = ["estimate", "preliminary"]
            rules = [{"period": "quarter", "day": day, "time": time, "months_after": 0,
                      "completeness": "estimate"},
                     {"period": "quarter", "day": day, "time": time, "months_after": 3,
                      "completeness": "preliminary"}]
        elif kind == "six-monthly":
            completeness, rules = ["official"], [{"period": "half", "day": day, "time": time,
                                                   "months_after": 1}]
        elif kind == "annual":
            completeness, rules = ["official"], [{"period": "year", "day": day, "time": time,
                                                   "months_after": rng.choice([3, 6, 9])}]
        else:
            completeness, rules = ["official"], []
        pid = f"{slug(ind_vi)[:40].rstrip('-')}-{k:05d}"
        out.append({
            "id": pid, "kind": kind, "vi": vi, "en": en, "content": (content_vi, content_en),
            "source": (SOURCE_VI[s], SOURCE_EN[s]), "completeness": completeness,
            "form": sorted(rng.sample(FORMS, rng.choice([1, 2, 3]))),
            "dissemination": sorted(rng.sample(DISSEMINATION, rng.choice([1, 2, 3]))),
            "unit": rng.choice(units), "price": rng.choice([None] * 8 + [50000, 120000]),
            "topics": topics, "audiences": audiences, "access": access, "cycle": cycle,
            "rules": rules,
        })
    return out


def _product_yaml(p: dict) -> str:
    lines = [
        f"id: {p['id']}",
        f"name: {{vi: {q(p['vi'])}, en: {q(p['en'])}}}",
        f"content:\n  vi: {q(p['content'][0])}\n  en: {q(p['content'][1])}",
        f"source:\n  vi: {q(p['source'][0])}\n  en: {q(p['source'][1])}",
        f"completeness: [{', '.join(p['completeness'])}]",
        f"form: [{', '.join(p['form'])}]",
        "language: [vi, en]",
        f"periodic: {'false' if p['cycle'] == 'irregular' else 'true'}",
        f"cycle: {p['cycle']}",
        f"dissemination: [{', '.join(p['dissemination'])}]",
        f"unit: {p['unit']}",
    ]
    if p["price"]:
        lines.append(f"price: {p['price']}")
    lines += [f"audiences: [{', '.join(p['audiences'])}]",
              f"topics: [{', '.join(p['topics'])}]",
              f"access: {p['access']}"]
    if p["access"] == "on-request":
        lines.append("obtain: {vi: \"Gửi yêu cầu bằng văn bản tới đơn vị phổ biến.\", "
                     "en: \"Send a written request to the responsible unit.\"}")
    if p["rules"]:
        lines.append("releases:")
        for r in p["rules"]:
            lines.append(f"  - period: {r['period']}")
            lines.append(f"    day: {r['day']}")
            if "months_after" in r:
                lines.append(f"    months_after: {r['months_after']}")
            if r.get("time"):
                lines.append(f"    time: \"{r['time']}\"")
            if r.get("completeness"):
                lines.append(f"    completeness: {r['completeness']}")
    return "\n".join(lines) + "\n"


def _dated_releases(products: list[dict], spec: Size, rng: random.Random) -> list[dict]:
    """Dated releases of non-periodic products, so that the public schedule holds exactly
    the target: one "added" adjustment per calendar counts too."""
    per_rule = {"month": 12, "quarter": 4, "half": 2, "year": 1}
    public = [p for p in products if p["access"] != "restricted"]
    planned = sum(2 * per_rule[r["period"]] for p in public for r in p["rules"])
    added = len(YEARS)  # one "added" adjustment per calendar
    needed = max(0, spec.releases - planned - added)
    irregular = [p for p in public if p["cycle"] == "irregular"] or public[:1]
    out = []
    for i in range(needed):
        p = irregular[i % len(irregular)]
        year = YEARS[i % len(YEARS)]
        n = i // len(irregular)
        day = dt.date(year, 1, 5) + dt.timedelta(days=rng.randrange(350))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        entry = {"product": p["id"], "period": f"dot-{year}-{n + 1}", "year": year,
                 "completeness": "official"}
        if rng.random() < 0.1 and year == 2027:
            entry["month"] = f"{day:%Y-%m}"
        else:
            entry["date"] = day.isoformat()
            if rng.random() < 0.7:
                entry["time"] = "09:00"
        out.append(entry)
    return out


def _write_calendars(cat: Path, dated: list[dict], adjustments: dict[int, list[str]]) -> None:
    head = {
        2026: ("2025-12-22", "198/QĐ-TCTK", "[2026-01-02, 2026-09-01]", "[2026-01-10]"),
        2027: ("2026-11-20", "215/QĐ-TCTK", "[2027-09-03]", "[2027-02-20]"),
    }
    for year in YEARS:
        date, decision, off, working = head[year]
        lines = [
            f"# Lịch phổ biến thông tin thống kê năm {year} (tổng hợp).",
            f"year: {year}", "status: approved", "approval:",
            "  approver: {vi: \"Cục trưởng Cục Thống kê\", en: \"Director General\"}",
            f"  date: {date}", f"  decision: \"{decision}\"",
            f"days_off: {off}", f"working_days: {working}", "releases:",
        ]
        for e in dated:
            if e["year"] != year:
                continue
            lines += [f"  - product: {e['product']}", f"    period: \"{e['period']}\"",
                      f"    completeness: {e['completeness']}"]
            if "month" in e:
                lines.append(f"    month: {e['month']}")
            else:
                lines.append(f"    date: {e['date']}")
                if "time" in e:
                    lines.append(f"    time: \"{e['time']}\"")
        lines.append("adjustments:" if adjustments.get(year) else "adjustments: []")
        lines += adjustments.get(year, [])
        (cat / "calendars" / f"{year}.yml").write_text("\n".join(lines) + "\n",
                                                        encoding="utf-8")


def _adjustments(root: Path, rng: random.Random) -> dict[int, list[str]]:
    """A few moved and cancelled releases, and one added, per calendar: picked from the
    planned schedule so that their dates are right."""
    from generator.check import load_catalog
    from generator.releases.plan import plan

    catalog = load_catalog(root / "catalog").public()
    schedule = plan(catalog)
    days = schedule.working_days
    out: dict[int, list[str]] = {}
    for year in YEARS:
        mine = [r for r in schedule.releases if r.calendar.year == year and r.timing.date
                and r.timing.date.year == year and not r.title and r.timing.date.month < 12]
        picks = rng.sample(mine, 6)
        lines = []
        for i, r in enumerate(picks):
            date = r.timing.date
            assert date is not None
            announced = min(date - dt.timedelta(days=10), dt.date(2026, 10, 1))
            reason = ("Trùng lịch họp báo của Chính phủ.", "The date clashed with the "
                      "Government's press conference.")
            if i < 2:
                lines += [
                    "  - type: cancelled", f"    release: {r.id}",
                    f"    announced: {announced} 10:00",
                    "    reason: {vi: \"Không thực hiện do điều chỉnh kế hoạch điều tra.\", "
                    "en: \"Not carried out after the survey plan was revised.\"}"]
            else:
                to = date + dt.timedelta(days=2)
                while not days.is_working(to):
                    to += dt.timedelta(days=1)
                if to.year != year:
                    continue
                lines += [
                    "  - type: moved", f"    release: {r.id}", f"    from: {date}",
                    f"    to: {to}", f"    announced: {announced} 10:00",
                    f"    reason: {{vi: {q(reason[0])}, en: {q(reason[1])}}}"]
        target = next(r for r in mine if r.product.cycle == "irregular") if any(
            r.product.cycle == "irregular" for r in mine) else mine[0]
        day = dt.date(year, 12, 10)
        while not days.is_working(day):
            day += dt.timedelta(days=1)
        lines += [
            "  - type: added", f"    announced: {min(dt.date(2026, 10, 15), day)} 09:00",
            "    reason: {vi: \"Bổ sung theo đề nghị của Bộ Tài chính.\", "
            "en: \"Added at the request of the Ministry of Finance.\"}",
            "    add:", f"      product: {target.product.id}", f"      period: \"bo-sung-{year}\"",
            "      completeness: official", f"      date: {day}", "      time: \"14:00\"",
            f"      title: {{vi: {q('Kết quả bổ sung năm ' + str(year))}, "
            f"en: \"Additional results {year}\"}}"]
        out[year] = lines
    return out


# --- datasets ------------------------------------------------------------------------------


def _datasets(products: list[dict], spec: Size, rng: random.Random) -> list[dict]:
    eligible = [p for p in products if p["access"] == "public"
                and p["kind"] in ("monthly", "quarterly", "annual")]
    rng.shuffle(eligible)
    chosen = (eligible * (spec.datasets // max(1, len(eligible)) + 1))[:spec.datasets]
    out = []
    for i, p in enumerate(chosen):
        out.append({"id": f"du-lieu-{i:04d}", "product": p, "sorted": i % 10 == 0})
    return out


def _periods(kind: str, count: int) -> list[str]:
    """The ``count`` most recent periods up to the last one of 2026 (the newest are still
    under embargo at the benchmark's moment)."""
    if kind == "monthly":
        all_ = [f"{y}-{m:02d}" for y in range(2000, 2027) for m in range(1, 13)]
    elif kind == "quarterly":
        all_ = [f"{y}-q{k}" for y in range(2000, 2027) for k in range(1, 5)]
    else:
        all_ = [str(y) for y in range(1990, 2027)]
    return all_[-count:]


def _write_dataset(cat: Path, d: dict, rows: int, rng: random.Random) -> None:
    p = d["product"]
    periods = _periods(p["kind"], {"monthly": 60, "quarterly": 40, "annual": 20}[p["kind"]])
    per = -(-rows // len(periods))  # areas per period
    source = cat / "sources" / f"{d['id']}.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Kỳ", "Mã địa bàn", "Tên địa bàn", "Giá trị", "Số đơn vị", "Tỷ lệ (%)",
                    "Ghi chú"])
        written = 0
        for period in periods:
            for a in range(per):
                if written == rows:
                    break
                value = "x" if a % 997 == 3 else f"{rng.uniform(50, 150):.2f}"
                w.writerow([period, f"{a:05d}", nfc(COMMUNES[a % len(COMMUNES)]), value,
                            rng.randint(0, 99999), f"{rng.uniform(0, 100):.1f}",
                            "" if a % 7 else nfc("Số liệu sơ bộ")])
                written += 1
    sort = "sort: [ky, ma]\n" if d["sorted"] else ""
    (cat / "datasets" / f"{d['id']}.yml").write_text(nfc(f"""\
id: {d['id']}
product: {p['id']}
title: {{vi: {q(p['vi'])}, en: {q(p['en'])}}}
description:
  vi: {q('Bảng số liệu ' + p['vi'][0].lower() + p['vi'][1:] + ', chi tiết theo địa bàn.')}
  en: {q('Table of ' + p['en'][0].lower() + p['en'][1:] + ', by area.')}
source:
  file: sources/{d['id']}.csv
period: ky
{sort}columns:
  - {{source: "Kỳ", id: ky, label: {{vi: "Kỳ báo cáo", en: "Reference period"}}, type: period}}
  - {{source: "Mã địa bàn", id: ma, label: {{vi: "Mã địa bàn", en: "Area code"}}, type: code}}
  - {{source: "Tên địa bàn", id: ten, label: {{vi: "Địa bàn", en: "Area"}}, type: string}}
  - {{source: "Giá trị", id: gia_tri, label: {{vi: "Giá trị", en: "Value"}}, type: number}}
  - {{source: "Số đơn vị", id: so_don_vi, label: {{vi: "Số đơn vị", en: "Units"}}, type: integer}}
  - {{source: "Tỷ lệ (%)", id: ty_le, label: {{vi: "Tỷ lệ", en: "Share"}}, type: number, unit: {{vi: "%", en: "%"}}}}
  - {{source: "Ghi chú", id: ghi_chu, label: {{vi: "Ghi chú", en: "Note"}}, type: string}}
chart:
  type: line
  x: ky
  y: [gia_tri]
"""), encoding="utf-8")


def _counts(root: Path) -> dict[str, int]:
    from generator.check import load_catalog
    from generator.releases.plan import plan

    full = load_catalog(root / "catalog")
    public = full.public()
    schedule = plan(public)
    rows = 0
    for d in public.datasets:
        with (root / "catalog" / d.source.file).open("rb") as f:
            rows += sum(1 for _ in f) - d.source.header_row if d.source.file.endswith(
                ".csv") else 0
    return {"products": len(full.products), "public_products": len(public.products),
            "releases": len(schedule.releases), "datasets": len(public.datasets),
            "dataset_rows": rows, "problems": len(schedule.problems)}


if __name__ == "__main__":
    target = Path(sys.argv[1])
    size = sys.argv[2] if len(sys.argv) > 2 else "M"
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    print(make_catalog(target, size, seed))
