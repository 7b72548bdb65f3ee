"""Products that are renamed, merged or discontinued: the checks of what the catalog says
about a product's past (``formerly``) and its end (``discontinued``).

An address once published keeps working: ``formerly`` on the product (or dataset) that
carries on names the ids whose addresses now lead to it, and ``discontinued`` keeps a
product's page with a link to its successor. These checks make sure every such address
leads somewhere real and public, and that no two declarations fight over one address.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from generator.catalog.model import Product
from generator.catalog.yamlsource import Document
from generator.problems import Problem, field_path
from generator.words.staff import REFERENCE_KINDS as _KIND


class _Entry(Protocol):  # load._Entry: a validated item and the file it came from
    @property
    def item(self) -> Any: ...
    @property
    def doc(self) -> Document: ...


def check_succession(products: Sequence[_Entry], datasets: Sequence[_Entry],
                     problems: list[Problem]) -> None:
    """Every problem of ``formerly`` and ``discontinued`` in the products and datasets."""
    by_id: dict[str, Product] = {e.item.id: e.item for e in products}
    _check_formerly(products, "product", problems)
    _check_formerly(datasets, "dataset", problems)
    for entry in products:
        product: Product = entry.item
        doc = entry.doc

        def problem(code: str, path: tuple[str | int, ...], doc: Document = doc,
                    **params: Any) -> None:
            problems.append(Problem(code, doc.file, doc.line(path), field_path(path), params))

        if product.formerly and product.access == "restricted":
            # Old public addresses would lead to a product the public may never see.
            problem("restricted-formerly", ("formerly",), value=product.id)
        stop = product.discontinued
        if stop is None or stop.successor is None:
            continue
        where = ("discontinued", "successor")
        successor = by_id.get(stop.successor)
        if successor is None:
            problem("unknown-successor", where, value=stop.successor,
                    allowed=", ".join(sorted(by_id)) or "-")
        elif successor.access == "restricted" and product.access != "restricted":
            problem("restricted-successor", where, value=stop.successor)
        else:
            cycle = _cycle(product.id, by_id)
            if cycle:
                problem("successor-cycle", where, value=" → ".join(cycle))


def _check_formerly(entries: Sequence[_Entry], kind: str, problems: list[Problem]) -> None:
    """An old id is no longer in use, and only one product (dataset) claims it."""
    live = {e.item.id for e in entries}
    claimed: dict[str, str] = {}
    for entry in entries:
        doc = entry.doc
        for i, old in enumerate(entry.item.formerly):
            path = ("formerly", i)
            here = Problem("x", doc.file, doc.line(path), field_path(path))
            if old in live:
                problems.append(_at(here, "formerly-still-live", kind=_KIND[kind], value=old))
            elif old in claimed:
                problems.append(_at(here, "formerly-claimed", kind=_KIND[kind], value=old,
                                    other=claimed[old]))
            else:
                claimed[old] = f"{doc.file}:{doc.line(path)}"


def _at(where: Problem, code: str, **params: Any) -> Problem:
    return Problem(code, where.file, where.line, where.field, params)


def _cycle(start: str, by_id: Mapping[str, Product]) -> list[str]:
    """The successors from ``start`` back to ``start`` (a cycle), or [] when they end."""
    path = [start]
    current = by_id.get(start)
    while current is not None and current.discontinued and current.discontinued.successor:
        nxt = current.discontinued.successor
        if nxt == start:
            return [*path, nxt]
        if nxt in path:  # a cycle further on: reported at its own products
            return []
        path.append(nxt)
        current = by_id.get(nxt)
    return []
