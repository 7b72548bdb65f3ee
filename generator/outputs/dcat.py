"""Machine-readable descriptions of the datasets: a DCAT-AP catalog and schema.org JSON-LD.

``catalog_jsonld`` writes ``/catalog.jsonld``, the site-wide DCAT-AP 3.0 catalog that
national and European portals harvest: each dataset's latest files as a ``dcat:Dataset``,
each product's successive releases as a ``dcat:DatasetSeries`` whose members are the
release vintages. ``schema_org`` gives the ``Dataset`` object that search engines read
from a dataset's page.

Both take the public view of the catalog and a ``DatasetBuild`` made from it: nothing
here decides what is public, but a product that is not ``public`` is skipped all the
same, so that a caller handing over the wrong catalog still leaks nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from generator.catalog.load import Catalog, Product, Text
from generator.outputs.datasets.built import Built, DatasetBuild, Download
from generator.words.site import SCHEME_TITLE as SCHEME
from generator.words.site import VALUES

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA = "http://www.iana.org/assignments/media-types/"
EU = "http://publications.europa.eu/resource/authority/"
# The formats offered as distributions; datapackage.json describes the CSV and is not one.
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "parquet": "PARQUET",
              "jsonstat": "JSON", "sdmx": "CSV", "px": None}  # the EU table has no PX
# The exchange formats are titled by their own names, not by the file type they share.
FORMAT_TITLES = {"px": "PX (PC-Axis)", "jsonstat": "JSON-stat 2.0", "sdmx": "SDMX-CSV 2.0"}
LANGUAGES = {"vi": "VIE", "en": "ENG"}  # EU language authority codes
# Cycles the EU frequency vocabulary names exactly; the others are left unsaid.
FREQUENCIES = {
    "monthly": "MONTHLY",
    "quarterly": "QUARTERLY",
    "six-monthly": "ANNUAL_2",
    "annual": "ANNUAL",
    "irregular": "IRREG",
}
SCHEME_TITLE = Text(**SCHEME)


# --- DCAT-AP ---------------------------------------------------------------------------


def catalog_jsonld(
    catalog: Catalog, build: DatasetBuild, site_url: str, modified: dt.datetime
) -> bytes:
    """The DCAT-AP 3.0 catalog of every public dataset, as JSON-LD bytes.

    Deterministic: the same catalog, build and ``modified`` give the same bytes, so that
    an unchanged site publishes an unchanged file and harvesters see no false update.
    """
    writer = _Dcat(catalog, site_url)
    graph = writer.graph(build, modified)
    document = {"@context": CONTEXT, "@graph": sorted(graph, key=lambda n: str(n["@id"]))}
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


def _public(catalog: Catalog, built: Built) -> Product | None:
    try:
        product = catalog.product(built.dataset.product)
    except KeyError:
        return None
    return product if product.access == "public" else None


class _Dcat:
    def __init__(self, catalog: Catalog, site_url: str) -> None:
        self.catalog = catalog
        self.languages = list(catalog.site.languages)
        self.url = site_url.rstrip("/") + "/"
        self.publisher = self.url + "#publisher"
        self.contact_iri = self.url + "#contact"

    def graph(self, build: DatasetBuild, modified: dt.datetime) -> list[dict[str, Any]]:
        nodes: list[dict[str, Any]] = []
        members: list[str] = []
        series: dict[str, Product] = {}
        topics: set[str] = set()
        for dataset_id in sorted(build.latest):
            latest = build.latest[dataset_id]
            product = _public(self.catalog, latest)
            if product is None:
                continue
            series[product.id] = product
            topics.update(product.topics)
            vintages = [v for v in build.vintages.get(dataset_id, []) if v.release is not None]
            nodes.append(self.dataset(latest, product, vintages))
            nodes.extend(self.dataset(v, product, []) for v in vintages)
            members += [self.dataset_iri(b) for b in (latest, *vintages)]
        nodes.extend(self.series(p) for p in series.values())
        nodes.extend(self.topic(t) for t in sorted(topics))
        if topics:
            nodes.append(self.scheme())
        nodes.append(self.agent())
        contact = self.contact()
        if contact is not None:
            nodes.append(contact)
        nodes.append(self.catalog_node(modified, [*members, *map(self.series_iri, series)]))
        return nodes

    # IRIs hang off the site's stable addresses (datasets, products, topics), so that a
    # harvester sees the same resource across rebuilds and can follow it to a page.
    def dataset_iri(self, built: Built) -> str:
        return self.url + built.address + "#dataset"

    def series_iri(self, product_id: str) -> str:
        return f"{self.url}products/{product_id}/#series"

    def topic_iri(self, topic_id: str) -> str:
        return f"{self.url}topics/{topic_id}/#topic"

    def text(self, text: Text | Iterable[tuple[str, str]]) -> list[dict[str, str]]:
        """A language-tagged literal per site language, never tagging a fallback text as
        a language it is not written in."""
        pairs = (
            [(lg, getattr(text, lg, None) or "") for lg in self.languages]
            if isinstance(text, Text)
            else list(text)
        )
        out = [{"@language": lg, "@value": value} for lg, value in pairs if value]
        if not out and isinstance(text, Text) and text.get(self.languages[0]):
            out = [{"@language": self.languages[0], "@value": text.get(self.languages[0])}]
        return out

    def catalog_node(self, modified: dt.datetime, datasets: list[str]) -> dict[str, Any]:
        office = self.catalog.site.office
        return {
            "@id": self.url + "catalog.jsonld#catalog",
            "@type": "dcat:Catalog",
            "dct:title": self.text(office.name),
            "dct:description": self.text(office.description),
            "dct:publisher": {"@id": self.publisher},
            "dct:modified": _datetime(modified),
            "dct:language": [_language(lg) for lg in self.languages],
            "foaf:homepage": {"@id": self.url, "@type": "foaf:Document"},
            "dcat:dataset": [{"@id": iri} for iri in sorted(datasets)],
        }

    def agent(self) -> dict[str, Any]:
        office = self.catalog.site.office
        return {
            "@id": self.publisher,
            "@type": "foaf:Agent",
            "foaf:name": self.text(office.name),
            "foaf:homepage": {"@id": self.url, "@type": "foaf:Document"},
        }

    def contact(self) -> dict[str, Any] | None:
        email = self.catalog.site.contact.email
        if not email:
            return None
        return {
            "@id": self.contact_iri,
            "@type": "vcard:Kind",
            "vcard:fn": self.text(self.catalog.site.office.name),
            "vcard:hasEmail": {"@id": "mailto:" + email},
        }

    def series(self, product: Product) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": self.series_iri(product.id),
            # DCAT makes every series a dataset; said outright, because the catalog lists
            # series under dcat:dataset and validators do not reason over subclasses.
            "@type": ["dcat:Dataset", "dcat:DatasetSeries"],
            "dct:identifier": product.id,
            "dct:title": self.text(product.name),
            "dct:description": self.text(product.content),
            "dct:publisher": {"@id": self.publisher},
        }
        if product.cycle in FREQUENCIES:
            node["dct:accrualPeriodicity"] = _frequency(product.cycle)
        return node

    def dataset(self, built: Built, product: Product, vintages: list[Built]) -> dict[str, Any]:
        ds = built.dataset
        release = built.release
        node: dict[str, Any] = {
            "@id": self.dataset_iri(built),
            "@type": "dcat:Dataset",
            "dct:identifier": ds.id + (f"/{built.key}" if built.key else ""),
            "dct:description": self.text(ds.description),
            "dct:publisher": {"@id": self.publisher},
            "dct:language": [_language(lg) for lg in product.language if lg in LANGUAGES],
            "dct:accessRights": {"@id": EU + "access-right/PUBLIC", "@type": "dct:RightsStatement"},
            "dcat:keyword": self.keywords(product),
            "dcat:theme": [{"@id": self.topic_iri(t)} for t in sorted(product.topics)],
            "dcat:distribution": [
                self.distribution(built, d) for d in built.downloads if d.format in FILE_TYPES
            ],
        }
        if self.catalog.site.contact.email:
            node["dcat:contactPoint"] = {"@id": self.contact_iri}
        if product.cycle in FREQUENCIES:
            node["dct:accrualPeriodicity"] = _frequency(product.cycle)
        if release is None:
            node["dct:title"] = self.text(ds.title)
            node["dcat:landingPage"] = self.page(f"datasets/{ds.id}/")
            moments = [v.release.moment for v in vintages if v.release and v.release.moment]
            if moments:
                # The latest files change with each release: modified is the last of them.
                node["dct:modified"] = _datetime(max(moments))
        else:
            # A vintage is named by its release, the way the release page names it.
            node["dct:title"] = self.text(
                (lg, f"{ds.title.get(lg)} — {release.label(lg)}") for lg in self.languages
            )
            node["dcat:landingPage"] = self.page(f"releases/{release.id}/")
            node["dcat:inSeries"] = {"@id": self.series_iri(product.id)}
            node["dcat:version"] = built.key
            if release.moment is not None:
                node["dct:issued"] = _datetime(release.moment)
        return node

    def page(self, path: str) -> dict[str, str]:
        return {"@id": self.url + path, "@type": "foaf:Document"}

    def keywords(self, product: Product) -> list[dict[str, str]]:
        names = [self.catalog.topic(t).name for t in sorted(product.topics)]
        return self.text((lg, n.get(lg)) for n in names for lg in self.languages if n.get(lg))

    def topic(self, topic_id: str) -> dict[str, Any]:
        return {
            "@id": self.topic_iri(topic_id),
            "@type": "skos:Concept",
            "skos:prefLabel": self.text(self.catalog.topic(topic_id).name),
            "skos:inScheme": {"@id": self.url + "topics/#scheme"},
        }

    def scheme(self) -> dict[str, Any]:
        return {
            "@id": self.url + "topics/#scheme",
            "@type": "skos:ConceptScheme",
            "dct:title": self.text(SCHEME_TITLE),
        }

    def distribution(self, built: Built, download: Download) -> dict[str, Any]:
        file_url = self.url + built.address + download.name
        file_type = FILE_TYPES[download.format]
        node = {
            "@id": f"{self.url}{built.address}#{download.format}",
            "@type": "dcat:Distribution",
            "dct:title": self.text(_format_title(
                download.format, FORMAT_TITLES.get(download.format, file_type or download.format))),
            "dcat:accessURL": {"@id": file_url},
            "dcat:downloadURL": {"@id": file_url},
            "dcat:mediaType": {"@id": IANA + download.media_type, "@type": "dct:MediaType"},
            "dct:format": {"@id": f"{EU}file-type/{file_type}", "@type": "dct:MediaTypeOrExtent"},
            "dcat:byteSize": {"@value": str(download.size), "@type": "xsd:nonNegativeInteger"},
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {
                    "@id": "spdx:checksumAlgorithm_sha256",
                    "@type": "spdx:ChecksumAlgorithm",
                },
                "spdx:checksumValue": {"@value": download.sha256, "@type": "xsd:hexBinary"},
            },
        }
        if file_type is None:
            del node["dct:format"]
        if "/x-" in download.media_type:  # not one IANA registered: no IANA address
            del node["dcat:mediaType"]
        return node


def _format_title(fmt: str, fallback: str) -> Text:
    """A file format's name as the pages write it, in each language: every text of the
    catalog carries a value tagged with each site language, a format's name too."""
    names = VALUES["download_format"].get(fmt) or {}
    return Text(vi=names.get("vi", fallback), en=names.get("en", fallback))


def _datetime(moment: dt.datetime) -> dict[str, str]:
    return {"@value": moment.isoformat(), "@type": "xsd:dateTime"}


def _language(lang: str) -> dict[str, str]:
    return {"@id": f"{EU}language/{LANGUAGES[lang]}", "@type": "dct:LinguisticSystem"}


def _frequency(cycle: str) -> dict[str, str]:
    return {"@id": f"{EU}frequency/{FREQUENCIES[cycle]}", "@type": "dct:Frequency"}


# --- schema.org ------------------------------------------------------------------------


def schema_org(
    built: Built,
    lang: str,
    site_url: str,
    office: Text,
    *,
    languages: Sequence[str] = ("vi", "en"),
    modified: dt.datetime | None = None,
    coverage: str | None = None,
    citation: str | None = None,
    license_url: str | None = None,
    keywords: Sequence[Text] = (),
) -> str:
    """A schema.org ``Dataset`` for a page, as JSON safe inside ``<script>``.

    ``url`` is the page that shows these files: the dataset's page for the latest files,
    the release's page for a vintage, in ``lang`` (below ``/<lang>/`` unless it is the
    site's first language). The files themselves have one address whatever the language.
    Every text is language-tagged, the page's language first and each other site language
    after it: a search engine shows the first, a harvester keeps them all.
    ``modified``: the last release of the files; ``coverage``: their periods (ISO 8601);
    ``citation``: how to cite them; ``license_url``: the terms the office publishes under.
    """
    url = site_url.rstrip("/") + "/"
    order = [lang, *(lg for lg in languages if lg != lang)]
    prefix = "" if lang == languages[0] else f"{lang}/"

    def tagged(text: Text | None) -> list[dict[str, str]]:
        if text is None:
            return []
        pairs = [(lg, getattr(text, lg, None) or "") for lg in order]
        return [{"@language": lg, "@value": value} for lg, value in pairs if value]

    ds = built.dataset
    release = built.release
    name = ds.title
    page = f"datasets/{ds.id}/"
    if release is not None:
        name = Text(**{lg: f"{ds.title.get(lg)} — {release.label(lg)}" for lg in languages})
        page = f"releases/{release.id}/"
    organization = {"@type": "Organization", "name": tagged(office), "url": url + prefix}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": tagged(name),
        "description": tagged(ds.description),
        "url": url + prefix + page,
        "identifier": ds.id + (f"/{built.key}" if built.key else ""),
        "creator": organization,
        "publisher": organization,
        "isAccessibleForFree": True,
        "inLanguage": lang,
        "keywords": [k for text in keywords for k in tagged(text)],
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": tagged(c.label),
                **({"unitText": tagged(c.unit)} if c.unit else {}),
            }
            for c in ds.columns
        ],
        # Every file offered beside the data, whatever its format (new formats included).
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": d.media_type,
                "contentUrl": url + built.address + d.name,
                "contentSize": str(d.size),
                "sha256": d.sha256,
            }
            for d in built.downloads
        ],
    }
    if release is not None and release.moment is not None:
        data["datePublished"] = release.moment.isoformat()
    if modified is not None:
        data["dateModified"] = modified.isoformat()
    if coverage:
        data["temporalCoverage"] = coverage
    if citation:
        data["citation"] = citation
    if license_url:
        data["license"] = license_url
    return script_safe(json.dumps(data, ensure_ascii=False, sort_keys=True))


def script_safe(text: str) -> str:
    """JSON that an HTML parser cannot end early: ``<``, ``>`` and ``&`` only ever occur
    inside JSON strings, where the ``\\u`` escapes mean the same characters.

    >>> script_safe(json.dumps({"a": "</script>&"}))
    '{"a": "\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
