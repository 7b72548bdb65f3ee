"""The project's settings, read once, in one place, for every command.

A project is a folder holding ``mkdocs.yml`` (the site's settings and the phobien plugin's
options), the catalog and the hand-written pages. Every stage and every command (check,
build, publish, rollback, next) takes the catalog folder, the work folder and the site's
address from here, so that a catalog kept in another folder is the catalog everywhere:
the build, the restricted-product check and the change fingerprint alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

CONFIG = "mkdocs.yml"
DEFAULT_CATALOG = "catalog"
DEFAULT_WORK_DIR = ".phobien"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: the ``!!python/name:`` and ``!ENV`` tags some themes'
    settings use are kept as text, never run."""


def _as_text(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("", _as_text)


@dataclass(frozen=True)
class Project:
    """Where a project's parts are, as its ``mkdocs.yml`` says."""

    config_file: Path
    catalog_dir: Path
    work_dir: Path  # the dataset cache, the vintage store, the verification memo
    docs_dir: Path
    site_url: str

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def host(self) -> str:
        """The site's own host: the only one its pages may name or load from."""
        return urlparse(self.site_url).netloc

    @classmethod
    def read(cls, config_file: Path | str = CONFIG) -> Project:
        path = Path(config_file).resolve()
        data: dict[str, Any] = {}
        if path.is_file():
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
            data = loaded if isinstance(loaded, dict) else {}
        options = _plugin_options(data.get("plugins"))
        root = path.parent
        return cls(
            config_file=path,
            catalog_dir=root / str(options.get("catalog") or DEFAULT_CATALOG),
            work_dir=root / str(options.get("work_dir") or DEFAULT_WORK_DIR),
            docs_dir=root / str(data.get("docs_dir") or "docs"),
            site_url=str(data.get("site_url") or ""),
        )


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The phobien plugin's options, whether ``plugins`` is a list or a mapping."""
    items = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins or []]
    for name, options in items:
        if name == "phobien":
            return options if isinstance(options, dict) else {}
    return {}
