"""The embed pages (``outputs/pages/embed.py``) against the calendars: their table holds
figures, as the dataset files do, so each of its rows must belong to a period (and, in a
table of several releases a period, a release) that is out.

Each row of an embed page's table declares its period and completeness level
(``data-period``, ``data-completeness``) and shows the period in words; a row that
declares none, or whose words are not those of the period it declares, is refused: a
figure pasted in by hand, or copied from a preview build, must not get through by saying
nothing. The chart's period labels must be periods of the table. Run in the verifying
process, with the catalog and the calendars.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import html as lhtml

from generator.catalog.load import Catalog, Dataset
from generator.outputs.datasets.embargo import Embargo
from generator.releases.plan import Schedule, period_short
from generator.verify.files import Failure


def embed_failures(site: Path, public: Catalog, schedule: Schedule) -> Iterator[Failure]:
    """Every embed page of the site: of a public dataset, each table row of a period and
    release already out."""
    datasets = {d.id: d for d in public.datasets}
    # A renamed dataset's old embed address leads on to its new one (outputs/redirects.py).
    datasets.update({old: d for d in public.datasets for old in d.formerly})
    default = public.site.default_language
    for lang in public.site.languages:
        root = site if lang == default else site / lang
        for page in sorted(root.glob("datasets/*/embed/index.html")):
            rel = page.relative_to(site).as_posix()
            dataset = datasets.get(page.parent.parent.name)
            if dataset is None:
                yield Failure("embargo", rel, "embed-no-dataset")
                continue
            embargo = Embargo.of(schedule.of_product(dataset.product))
            yield from _rows(rel, page, dataset, embargo, lang)


def _rows(rel: str, page: Path, dataset: Dataset, embargo: Embargo,
          lang: str) -> Iterator[Failure]:
    doc = lhtml.fromstring(page.read_bytes())
    by_period = dataset.chart is not None and dataset.chart.x == dataset.period
    declared = {row.get("data-period") for row in doc.xpath("//tbody/tr")}
    if by_period:
        # The chart always labels its newest point (charts.py): a point drawn beyond the
        # table's periods shows as a label of none of them.
        words = {period_short(p, lang) for p in declared if p}
        for label in doc.xpath("//svg//text[@text-anchor='middle']"):
            shown = " ".join(label.text_content().split())
            if shown not in words:
                yield Failure("embargo", rel, "chart-period", {"shown": shown})
    for number, row in enumerate(doc.xpath("//tbody/tr"), start=1):
        period = row.get("data-period")
        level = row.get("data-completeness")
        if not period:
            yield Failure("embargo", rel, "row-no-period", {"row": number})
            continue
        if dataset.completeness is not None and not level:
            yield Failure("embargo", rel, "row-no-level", {"row": number, "period": period})
            continue
        shown = " ".join(row.xpath("string((th|td)[1])").split())
        if by_period and shown != period_short(period, lang):
            yield Failure("embargo", rel, "row-other-period",
                          {"row": number, "shown": shown, "period": period})
            continue
        public = embargo.figure(period, level).public if level else embargo.allows(period)
        if not public:
            release = f"{period} ({level})" if level else period
            yield Failure("embargo", rel, "row-early", {"row": number, "period": release})
