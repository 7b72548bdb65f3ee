"""The site engine: MkDocs 1.6, or ProperDocs, its maintained fork.

ProperDocs 1.6 keeps MkDocs 1.x's plugin API, and its ``properdocs.replacement`` module,
once imported, serves every ``mkdocs.*`` import from ``properdocs.*`` (the ``properdocs``
command does it before it loads any plugin or theme). So the plugin, ``publish`` and
``cli`` keep their ``mkdocs.*`` imports and the engine is chosen here, once per process,
before any of them is imported: by the environment variable ``PHOBIEN_ENGINE``, not by a
command-line option, which click would read only after every module is imported.

``PHOBIEN_ENGINE`` unset: whichever engine runs (the ``mkdocs`` or ``properdocs``
command), MkDocs for ``phobien``. ``mkdocs`` or ``properdocs``: that one, or an error when
the process already runs the other.
"""

from __future__ import annotations

import logging
import os
import sys

from generator.words.staff import ENGINE

VARIABLE = "PHOBIEN_ENGINE"
ENGINES = ("mkdocs", "properdocs")


class EngineChoiceError(SystemExit):
    """``PHOBIEN_ENGINE`` names an unknown or missing engine, or not the one running.

    Raised on import, before any command can catch it: as a ``SystemExit`` the process
    stops with the message in both languages and status 1, without a traceback."""


def running() -> str | None:
    """The engine this process has imported, if any."""
    mkdocs = sys.modules.get("mkdocs")
    if mkdocs is None:
        return None
    return "properdocs" if mkdocs is sys.modules.get("properdocs") else "mkdocs"


def select(wanted: str | None = None) -> str:
    """Make ``mkdocs.*`` imports come from the engine ``wanted`` (default: the value of
    ``PHOBIEN_ENGINE``); return the engine's name."""
    wanted = (wanted if wanted is not None else os.environ.get(VARIABLE, "")).strip().lower()
    now = running()
    if not wanted:
        return now or "mkdocs"
    if wanted not in ENGINES:
        raise EngineChoiceError(ENGINE["unknown"].format(variable=VARIABLE, wanted=wanted,
                                                         known=", ".join(ENGINES)))
    if now is not None and now != wanted:
        raise EngineChoiceError(ENGINE["other"].format(variable=VARIABLE, wanted=wanted,
                                                       now=now))
    if wanted == "properdocs" and now is None:
        try:
            import properdocs.replacement  # noqa: F401  from here on, mkdocs.* is properdocs.*
        except ModuleNotFoundError as exc:
            if exc.name != "properdocs":
                raise  # installed, but broken: the traceback says what is missing
            raise EngineChoiceError(ENGINE["missing"].format(variable=VARIABLE)) from None
        # As the properdocs command does: the plugins' "mkdocs.*" loggers hand their
        # records to "properdocs", where strict mode counts the warnings.
        logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
    return wanted


def logger_name() -> str:
    """The engine's own logger: where its messages go and strict mode counts warnings."""
    return "properdocs" if running() == "properdocs" else "mkdocs"
