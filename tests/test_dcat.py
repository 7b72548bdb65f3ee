"""The DCAT-AP catalog (``/catalog.jsonld``) and the schema.org JSON-LD of dataset pages.

The example catalog's datasets are built once as of the suite's moment; the catalog is
read back with rdflib and validated with pyshacl against the vendored DCAT-AP 3.0.1
shapes, and every number it states about a file is checked against the file itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from generator.catalog.load import Catalog, Text
from generator.check import load_catalog
from generator.clock import resolve
from generator.outputs.datasets.build import build_datasets
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.outputs.dcat import catalog_jsonld, schema_org
from generator.releases.plan import plan
from tests.conftest import AS_OF, ROOT

# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    # and its N-Quads parser, the deprecated default_context of its own Dataset.
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]

VENDOR = ROOT.parent / "shared" / "vendor" / "dcat-ap-3.0.1"
# Plain namespaces: rdflib's closed DCAT one predates DCAT 3 (no DatasetSeries, inSeries).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SITE_URL = "https://thongke.example.gov.vn/"
IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA = {
    "csv": ("text/csv", "CSV"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "json": ("application/json", "JSON"),
    "parquet": ("application/vnd.apache.parquet", "PARQUET"),
    # The exchange formats, by how their names end: PX has neither an IANA type nor an
    # EU file type, and says neither.
    "jsonstat.json": ("application/json", "JSON"),
    "sdmx.csv": ("text/csv", "CSV"),
    "px": (None, None),
}
# Upstream defect (kept, not patched, in the vendored files): ranges.ttl links five
# property shapes that neither file defines. Counted, so that an upstream fix shows up.
DANGLING_IN_RANGES = 5


@dataclasses.dataclass
class Example:
    full: Catalog
    public: Catalog
    build: DatasetBuild
    moment_iso: str
    data: bytes

    @property
    def graph(self) -> Graph:
        return Graph().parse(data=self.data, format="json-ld")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    full = load_catalog(ROOT / "catalog")
    public = full.public()
    now = resolve(AS_OF, public.site.zone).now
    build = build_datasets(public, plan(public, now), tmp_path_factory.mktemp("work"), ROOT)
    assert not build.problems
    return Example(
        full, public, build, now.isoformat(), catalog_jsonld(public, build, SITE_URL, now)
    )


def shapes(*files: str) -> tuple[Graph, int]:
    """The shapes graph, less any ``sh:property`` link to a shape with no ``sh:path``
    (pyshacl refuses such a graph whole); returns how many links were dropped."""
    graph = Graph()
    for name in files:
        graph.parse(VENDOR / name, format="turtle")
    dangling = [
        (s, o) for s, o in graph.subject_objects(SH.property) if (o, SH.path, None) not in graph
    ]
    for s, o in dangling:
        graph.remove((s, SH.property, o))
    return graph, len(dangling)


def validate(data: Graph, shape_graph: Graph) -> None:
    conforms, _, report = pyshacl.validate(data, shacl_graph=shape_graph)
    print(report)
    assert conforms, report


def test_is_deterministic_utf8_json(example: Example) -> None:
    assert example.data.endswith(b"}\n")
    document = json.loads(example.data.decode("utf-8"))
    assert "Cục Thống kê tỉnh Lạng Sơn" in example.data.decode("utf-8")  # not \u-escaped
    assert (
        example.data
        == (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
    )
    now = resolve(AS_OF, example.public.site.zone).now
    assert catalog_jsonld(example.public, example.build, SITE_URL, now) == example.data


def test_conforms_to_dcat_ap_shapes(example: Example) -> None:
    # The main shapes file as published, unrepaired.
    validate(example.graph, Graph().parse(VENDOR / "dcat-ap-SHACL.ttl", format="turtle"))


def test_conforms_with_range_shapes(example: Example) -> None:
    graph, dropped = shapes("dcat-ap-SHACL.ttl", "ranges.ttl")
    assert dropped == DANGLING_IN_RANGES
    validate(example.graph, graph)


def test_shapes_do_reject_a_broken_catalog(example: Example) -> None:
    """The shapes really apply: a dataset without a title and a checksum that is not hex
    are reported."""
    data = example.graph
    dataset = URIRef(SITE_URL + "datasets/cpi-thang/#dataset")
    data.remove((dataset, DCTERMS.title, None))
    checksum = next(data.objects(None, SPDX.checksumValue))
    data.set(
        (next(data.subjects(SPDX.checksumValue, checksum)), SPDX.checksumValue, Literal("xyz"))
    )
    graph, _ = shapes("dcat-ap-SHACL.ttl", "ranges.ttl")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=graph)
    assert not conforms
    failed = {
        (results.value(r, SH.focusNode), results.value(r, SH.resultPath))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }
    assert (dataset, DCTERMS.title) in failed
    assert any(path == SPDX.checksumValue for _, path in failed)


def test_catalog_node(example: Example) -> None:
    g = example.graph
    catalog = URIRef(SITE_URL + "catalog.jsonld#catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in g
    titles = {(t.language, str(t)) for t in g.objects(catalog, DCTERMS.title)}
    assert titles == {
        ("vi", "Cục Thống kê tỉnh Lạng Sơn"),
        ("en", "Lạng Sơn Provincial Statistics Office"),
    }
    assert {t.language for t in g.objects(catalog, DCTERMS.description)} == {"vi", "en"}
    assert g.value(catalog, DCTERMS.modified) == Literal(example.moment_iso, datatype=XSD.dateTime)
    assert g.value(catalog, FOAF.homepage) == URIRef(SITE_URL)
    publisher = g.value(catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in g
    listed = set(g.objects(catalog, DCAT.dataset))
    assert URIRef(SITE_URL + "datasets/cpi-thang/#dataset") in listed
    assert set(g.subjects(RDF.type, DCAT.Dataset)) == listed


def test_one_series_per_product_with_datasets(example: Example) -> None:
    g = example.graph
    series = set(g.subjects(RDF.type, DCAT.DatasetSeries))
    products = {d.product for d in example.public.datasets if d.id in example.build.latest}
    assert products == {"ban-le-hang-hoa-dich-vu", "cpi", "dan-so-lao-dong", "grdp", "iip"}
    assert series == {URIRef(f"{SITE_URL}products/{p}/#series") for p in products}
    cpi = URIRef(SITE_URL + "products/cpi/#series")
    assert str(g.value(cpi, DCTERMS.title)) in {"Chỉ số giá tiêu dùng", "Consumer price index"}
    assert {t.language for t in g.objects(cpi, DCTERMS.description)} == {"vi", "en"}


def test_latest_and_vintages(example: Example) -> None:
    g = example.graph
    for dataset_id, latest in example.build.latest.items():
        node = URIRef(f"{SITE_URL}datasets/{dataset_id}/#dataset")
        assert g.value(node, DCAT.inSeries) is None
        assert g.value(node, DCAT.landingPage) == URIRef(f"{SITE_URL}datasets/{dataset_id}/")
        assert str(g.value(node, DCTERMS.identifier)) == dataset_id
        series = URIRef(f"{SITE_URL}products/{latest.dataset.product}/#series")
        vintages = example.build.vintages[dataset_id]
        assert vintages
        for vintage in vintages:
            assert vintage.release is not None and vintage.release.moment is not None
            node = URIRef(f"{SITE_URL}datasets/{dataset_id}/{vintage.key}/#dataset")
            assert g.value(node, DCAT.inSeries) == series
            issued = g.value(node, DCTERMS.issued)
            assert issued == Literal(vintage.release.moment.isoformat(), datatype=XSD.dateTime)
            titles = {t.language: str(t) for t in g.objects(node, DCTERMS.title)}
            assert vintage.release.label("vi") in titles["vi"]
            assert vintage.release.label("en") in titles["en"]
    # The example's last CPI release before 25 November 2026 is October's, on 6 November.
    october = URIRef(SITE_URL + "datasets/cpi-thang/2026-10/#dataset")
    assert str(g.value(october, DCTERMS.issued)) == "2026-11-06T09:00:00+07:00"
    assert (URIRef(SITE_URL + "datasets/cpi-thang/2026-11/#dataset"), None, None) not in g


def test_distributions_describe_the_real_files(example: Example) -> None:
    g = example.graph
    built_all = [
        *example.build.latest.values(),
        *(v for vs in example.build.vintages.values() for v in vs),
    ]
    for built in built_all:
        node = URIRef(SITE_URL + built.address + "#dataset")
        distributions = list(g.objects(node, DCAT.distribution))
        assert len(distributions) == len(MEDIA)
        seen = set()
        for dist in distributions:
            assert (dist, RDF.type, DCAT.Distribution) in g
            url = g.value(dist, DCAT.downloadURL)
            assert g.value(dist, DCAT.accessURL) == url
            name = str(url).removeprefix(SITE_URL + built.address)
            path = built.directory / name
            fmt = next(f for f in sorted(MEDIA, key=len, reverse=True) if name.endswith(f))
            media, file_type = MEDIA[fmt]
            seen.add(fmt)
            assert g.value(dist, DCAT.mediaType) == (URIRef(IANA + media) if media else None)
            assert g.value(dist, DCTERMS["format"]) == \
                (URIRef(FILE_TYPE + file_type) if file_type else None)
            size = g.value(dist, DCAT.byteSize)
            assert size is not None and size.datatype == XSD.nonNegativeInteger
            assert int(size) == path.stat().st_size
            checksum = g.value(dist, SPDX.checksum)
            assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
            value = g.value(checksum, SPDX.checksumValue)
            assert value is not None and value.datatype == XSD.hexBinary
            assert str(value) == hashlib.sha256(path.read_bytes()).hexdigest()
        assert seen == set(MEDIA)


def poisoned(example: Example) -> DatasetBuild:
    """The real build plus datasets forged onto a restricted and an on-request product,
    as a wrong caller might hand over."""
    build = dataclasses.replace(example.build, latest=dict(example.build.latest))
    cpi = example.build.latest["cpi-thang"]
    for product in hidden_products(example.full):
        forged = cpi.dataset.model_copy(update={"id": f"forged-{product}", "product": product})
        build.latest[forged.id] = dataclasses.replace(cpi, dataset=forged)
    return build


def hidden_products(full: Catalog) -> list[str]:
    return sorted(p.id for p in full.products if p.access != "public")


def test_nothing_restricted_or_on_request(example: Example) -> None:
    hidden = hidden_products(example.full)
    assert "bao-cao-nhanh-lanh-dao" in hidden
    assert {"so-lieu-theo-yeu-cau", "vi-du-lieu-dieu-tra-doanh-nghiep"} <= set(hidden)
    now = resolve(AS_OF, example.public.site.zone).now
    outputs = [
        example.data,
        catalog_jsonld(example.public, poisoned(example), SITE_URL, now),
        catalog_jsonld(example.full, poisoned(example), SITE_URL, now),
    ]
    names = [example.full.product(p).name.get(lg) for p in hidden for lg in ("vi", "en")]
    for data in outputs:
        text = data.decode("utf-8")
        for word in [*hidden, *names, "forged-"]:
            assert word not in text


# --- schema.org ------------------------------------------------------------------------


def tagged(value: list[dict[str, str]]) -> dict[str, str]:
    """A language-tagged value of the schema.org JSON-LD, as {language: text}."""
    return {v["@language"]: v["@value"] for v in value}


def test_schema_org_dataset(example: Example) -> None:
    latest = example.build.latest["cpi-thang"]
    office = example.public.site.office.name
    text = schema_org(latest, "vi", SITE_URL, office)
    assert "</" not in text
    data = json.loads(text)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Dataset"
    # The page's language first, the other after it.
    assert data["name"] == [
        {"@language": "vi", "@value": "Chỉ số giá tiêu dùng hằng tháng"},
        {"@language": "en", "@value": latest.dataset.title.en},
    ]
    assert tagged(data["description"]) == {"vi": latest.dataset.description.vi,
                                           "en": latest.dataset.description.en}
    assert data["url"] == SITE_URL + "datasets/cpi-thang/"
    assert data["identifier"] == "cpi-thang"
    assert data["isAccessibleForFree"] is True
    assert data["inLanguage"] == "vi"
    assert data["publisher"] == {"@type": "Organization", "url": SITE_URL, "name": [
        {"@language": "vi", "@value": office.vi}, {"@language": "en", "@value": office.en}]}
    assert "datePublished" not in data  # the latest files have no single release
    downloads = {d["contentUrl"]: d for d in data["distribution"]}
    assert set(downloads) == {
        f"{SITE_URL}datasets/cpi-thang/{d.name}" for d in latest.downloads
    }
    assert SITE_URL + "datasets/cpi-thang/datapackage.json" in downloads  # every download
    assert {d["@type"] for d in downloads.values()} == {"DataDownload"}
    assert downloads[SITE_URL + "datasets/cpi-thang/cpi-thang.csv"]["encodingFormat"] == "text/csv"


def test_schema_org_vintage_in_english(example: Example) -> None:
    vintage = example.build.vintages["cpi-thang"][-1]
    assert vintage.release is not None
    office = Text(vi="Cục Thống kê Lạng Sơn", en="Lạng Sơn Statistics Office")
    data = json.loads(schema_org(vintage, "en", SITE_URL, office))
    assert data["url"] == SITE_URL + "en/releases/cpi/2026-10/"
    assert data["datePublished"] == "2026-11-06T09:00:00+07:00"
    assert data["inLanguage"] == "en"
    assert data["name"][0]["@language"] == "en"
    assert vintage.release.label("en") in tagged(data["name"])["en"]
    assert vintage.release.label("vi") in tagged(data["name"])["vi"]
    assert all(
        d["contentUrl"].startswith(SITE_URL + "datasets/cpi-thang/2026-10/")
        for d in data["distribution"]
    )


def test_schema_org_cannot_close_the_script(example: Example) -> None:
    latest = example.build.latest["grdp-quy"]
    nasty = "</script><script>alert(1)</script> & <!--"
    dataset = latest.dataset.model_copy(
        update={"title": Text(vi=nasty, en=nasty), "description": Text(vi=nasty)}
    )
    built: Built = dataclasses.replace(latest, dataset=dataset)
    text = schema_org(built, "vi", SITE_URL, Text(vi="A <b> & B"), citation=nasty)
    assert not {"<", ">", "&"} & set(text)
    data = json.loads(text)
    assert tagged(data["name"])["vi"] == nasty and tagged(data["description"]) == {"vi": nasty}
    assert tagged(data["creator"]["name"]) == {"vi": "A <b> & B"}
    assert data["citation"] == nasty


# --- multilingual metadata -------------------------------------------------------------

# Literals that are codes, not texts in a language: identifiers and versions are written
# the same in every language (``cpi-thang``, ``2026-10``).
CODES = {DCTERMS.identifier, DCAT.version}


def test_every_text_of_the_dcat_graph_is_in_vietnamese_and_english(example: Example) -> None:
    g = example.graph
    languages: dict[tuple[object, object], set[str | None]] = {}
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype is None and p not in CODES:
            languages.setdefault((s, p), set()).add(o.language)
    assert len(languages) > 100
    missing = {key: langs for key, langs in languages.items() if langs != {"vi", "en"}}
    assert missing == {}
    # Distributions' titles too: the format's name as the pages write it.
    xlsx = URIRef(SITE_URL + "datasets/cpi-thang/#xlsx")
    assert {(t.language, str(t)) for t in g.objects(xlsx, DCTERMS.title)} == {
        ("vi", "Excel (XLSX)"), ("en", "Excel (XLSX)")}
    keywords = {(k.language, str(k)) for k in g.objects(
        URIRef(SITE_URL + "datasets/cpi-thang/#dataset"), DCAT.keyword)}
    assert keywords == {("vi", "Giá cả"), ("en", "Prices")}


# --- schema.org on the built dataset pages ---------------------------------------------

# The schema.org context, as a local document: the site names https://schema.org as its
# context, and no test fetches from another host. Its one term that matters here maps
# every property into the vocabulary; ``url`` and ``contentUrl`` are addresses (@id).
SCHEMA = "https://schema.org/"
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "url": {"@type": "@id"},
                               "contentUrl": {"@type": "@id"}, "license": {"@type": "@id"}}}


def load_context(url: str, options: dict[str, object] | None = None) -> dict[str, object]:
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def dataset_markup(page: Path) -> list[str]:
    from lxml import html

    tree = html.fromstring(page.read_bytes())
    return [s.text for s in tree.xpath("//script[@type='application/ld+json']")]


def periods_of(csv: Path, column: str) -> str:
    """The ISO 8601 interval of the periods in a dataset's CSV, worked out here from the
    file itself: months as they are, quarters as their months, years as years."""
    import pandas as pd

    periods = pd.read_csv(csv, dtype=str, usecols=[column])[column].dropna()
    first, last = periods.min(), periods.max()

    def month(period: str, end: bool) -> str:
        year, _, part = period.partition("-")
        if part.startswith("q"):
            return f"{year}-{3 * int(part[1]) - (0 if end else 2):02d}"
        return period

    return f"{month(first, False)}/{month(last, True)}"


def html_index(page: Path) -> str:
    """The words a page adds, hidden, for the search index (outputs/pages/search.py)."""
    from lxml import html

    return html.fromstring(page.read_bytes()).xpath("string(//div[@id='phobien-index'])")


@pytest.mark.slow
def test_every_dataset_page_carries_its_schema_org_dataset(example_site: Path) -> None:
    """Read from each built dataset page as a search engine reads it, expanded by pyld
    and turned into RDF for rdflib: both languages of each text, every download, the
    periods covered, the last release's time and the citation."""
    from pyld import jsonld

    from generator.releases.plan import plan

    full = load_catalog(ROOT / "catalog")
    public = full.public()
    schedule = plan(public, resolve(AS_OF, public.site.zone).now)
    schema = Namespace(SCHEMA)
    site_url = "https://thongke.langson.example/"
    pages = sorted(example_site.glob("datasets/*/index.html"))
    pages += sorted(example_site.glob("en/datasets/*/index.html"))
    assert len(pages) == 10
    for page in pages:
        lang = "en" if page.relative_to(example_site).parts[0] == "en" else "vi"
        dataset_id = page.parent.name
        dataset = public.dataset(dataset_id)
        (text,) = dataset_markup(page)
        if lang == "en":  # the markup's Vietnamese is data, not words of the English page
            hidden = html_index(page)
            assert "cite_this" in hidden  # the page's own words are there
            assert "cuc_thong" not in hidden and "thong_ke" not in hidden
        document = json.loads(text)
        nquads = jsonld.to_rdf(document, {"format": "application/n-quads",
                                          "documentLoader": load_context})
        g = Graph().parse(data=nquads, format="nquads")
        (node,) = g.subjects(RDF.type, schema.Dataset)
        assert document["name"][0]["@language"] == lang  # the page's language first
        names = {(n.language, str(n)) for n in g.objects(node, schema.name)}
        assert names == {("vi", dataset.title.vi), ("en", dataset.title.en)}
        descriptions = {n.language: str(n) for n in g.objects(node, schema.description)}
        assert descriptions == {"vi": dataset.description.vi, "en": dataset.description.en}
        files = {str(d) for d in g.objects(None, schema.contentUrl)}
        on_disk = {f"{site_url}datasets/{dataset_id}/{p.name}"
                   for p in (example_site / "datasets" / dataset_id).iterdir()
                   if p.is_file() and p.name != "index.html" and not p.name.startswith("cite.")
                   and not p.name.startswith("revisions.")}
        assert files == on_disk
        last = max((r for r in schedule.releases
                    if r.is_public and r.product.id == dataset.product),
                   key=lambda r: (r.moment, r.id))
        assert str(g.value(node, schema.dateModified)) == last.moment.isoformat()
        assert str(g.value(node, schema.temporalCoverage)) == periods_of(
            example_site / "datasets" / dataset_id / f"{dataset_id}.csv", dataset.period)
        assert str(g.value(node, schema.citation)).startswith(public.site.office.name.get(lang))
        assert last.label(lang) in str(g.value(node, schema.citation))  # named in words
        here = "" if lang == "vi" else "en/"
        assert g.value(node, schema.license) == URIRef(f"{site_url}{here}policy/")
        for role in (schema.creator, schema.publisher):
            office = g.value(node, role)
            assert {(n.language, str(n)) for n in g.objects(office, schema.name)} == {
                ("vi", public.site.office.name.vi), ("en", public.site.office.name.en)}
