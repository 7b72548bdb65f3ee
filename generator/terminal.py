"""What a command prints, in the staff's language: the log lines of the build and click's
own messages for a bad option.

MkDocs writes its routine lines in English ("Documentation built in 5.30 seconds") and
click its errors ("Error: No such option"), each with an English prefix. A staff member
reads every line a command prints, so each is said in their words here, or, for an
engine line with nothing for them, kept out of sight unless they ask for --verbose. The
words are in ``generator/words/staff.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from gettext import NullTranslations
from typing import Any

import click

from generator import i18n
from generator.words.staff import CLICK, ERROR_PREFIX, LOG, LOG_LINES

# The engine's routine lines, matched whole against what it logged.
_PATTERNS = [(re.compile(pattern + r"\Z"), words) for pattern, words in LOG_LINES]
_STAMP = re.compile(r"(\[\d\d:\d\d:\d\d\] )?(.*)", re.S)
# The plugin's own line (generator/engine/plugin.py on_config): the moment and its source.
AS_OF_LINE = "phobien: building as of %s (%s)"


class StaffFormatter(logging.Formatter):
    """Log records as the staff read them: a known line in their words, a warning or an
    error behind their prefix ("Cảnh báo: ..."), any other line as it is."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format(self, record: logging.LogRecord) -> str:
        text = said(record, self.lang)
        if text is None:
            text = record.getMessage()
        prefix = LOG.get(record.levelname)
        return f"{prefix[self.lang]}: {text}" if prefix else text


def said(record: logging.LogRecord, lang: str) -> str | None:
    """The record in the staff's words, or None when it is not one of the known lines.

    >>> r = logging.LogRecord("mkdocs", logging.INFO, "", 0,
    ...                       "Documentation built in 8.52 seconds", None, None)
    >>> said(r, "vi")
    'Đã dựng xong trang web trong 8,52 giây'
    """
    if record.msg == AS_OF_LINE and isinstance(record.args, tuple):
        when, source = record.args
        # The moment itself, with its zone (the office's): "giờ Việt Nam, UTC+7".
        moment = when if isinstance(when, dt.datetime) else dt.datetime.fromisoformat(str(when))
        shown = i18n.format_when(moment.date(), moment.time().replace(second=0), None, lang,
                                 zone=moment.tzinfo or dt.UTC)
        words = LOG.get(str(source), {"vi": str(source), "en": str(source)})
        return LOG["as_of"][lang].format(when=shown, source=words[lang])
    # The preview server puts the time first: "[09:00:12] Detected file changes".
    stamp, message = _STAMP.match(record.getMessage()).groups()  # type: ignore[union-attr]
    for pattern, words in _PATTERNS:
        match = pattern.match(message)
        if match:
            values = match.groupdict()
            if "seconds" in values and lang == "vi":
                values["seconds"] = values["seconds"].replace(".", ",")
            return (stamp or "") + words[lang].format(**values)
    return None


def engine_text(message: str, lang: str) -> str:
    """The engine's message for a failed build in the staff's words when it is a known
    one ("Aborted with a BuildError!", after the error itself was logged)."""
    record = logging.LogRecord("mkdocs", logging.ERROR, "", 0, message, None, None)
    return said(record, lang) or message


class QuietEngine(logging.Filter):
    """Keeps the engine's routine INFO lines that have no words for the staff out of
    sight ("The directory contains stale files..."): warnings and errors always pass."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or record.name == "phobien":
            return True
        return said(record, self.lang) is not None


def setup_logging(names: Sequence[str], lang: str, verbose: bool) -> None:
    """Every line of the engine and of phobien to stderr, in ``lang``; with ``verbose``,
    the engine's other lines too, as it wrote them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(StaffFormatter(lang))
    if not verbose:
        handler.addFilter(QuietEngine(lang))
    for name in names:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
        logger.propagate = False


# --- click's own words ---------------------------------------------------------------------


class ClickWords(NullTranslations):
    """click's messages (marked for gettext) in the staff's language."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        return CLICK.get(message, {}).get(self.lang, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


# The click modules that format a message for a bad command line; each imported gettext's
# functions under its own names, so each is given the staff's.
_CLICK_MODULES = ("click.core", "click.exceptions", "click.types", "click.parser")


@contextlib.contextmanager
def click_words(lang: str) -> Iterator[None]:
    """click says its errors in ``lang`` for the time of the command."""
    words = ClickWords(lang)
    saved: list[tuple[Any, str, Any]] = []
    for name in _CLICK_MODULES:
        module = sys.modules[name]
        for attr, value in (("_", words.gettext), ("ngettext", words.ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, value)
    try:
        yield
    finally:
        for module, attr, value in saved:
            setattr(module, attr, value)


class StaffGroup(click.Group):
    """click's group, its own errors (a bad option, a missing value) said in the staff's
    language: the one the command line names (--lang), else ``site_lang()``'s."""

    def __init__(self, *args: Any, site_lang: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.site_lang = site_lang

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = lang_in(argv) or self.site_lang()
        with click_words(lang):
            try:
                rv = super().main(argv, prog_name, complete_var, standalone_mode=False,
                                  **extra)
            except (click.ClickException, click.Abort) as exc:
                if not standalone_mode:
                    raise
                sys.exit(_show(exc, lang))
        if standalone_mode:  # as click's own standalone mode ends
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


def _show(exc: click.ClickException | click.Abort, lang: str) -> int:
    """Say what stopped the command; its exit code."""
    if isinstance(exc, click.Abort):
        click.echo(LOG["aborted"][lang], err=True)
        return 1
    if isinstance(exc, click.UsageError) and not isinstance(
            exc, click.exceptions.NoArgsIsHelpError):  # "phobien" alone: its help
        show_usage_error(exc, lang)
    else:
        exc.show()
    return exc.exit_code


def show_usage_error(exc: click.UsageError, lang: str) -> None:
    """A bad command line, as staff read it: the staff's prefix, click's message in their
    words, and where the help is (click's "Usage: ... Try 'phobien -h'" is English)."""
    command = exc.ctx.command_path if exc.ctx is not None else "phobien"
    click.echo(f"{ERROR_PREFIX[lang]}: {exc.format_message()}", err=True)
    click.echo(LOG["help"][lang].format(command=command), err=True)


def lang_in(args: Sequence[str]) -> str | None:
    """The ``--lang`` a command line gives, read before click parses it (a bad option's
    message needs the language before the options are known).

    >>> lang_in(["build", "--lang", "en"]), lang_in(["check", "--lang=vi"]), lang_in([])
    ('en', 'vi', None)
    """
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value in ("vi", "en"):
            return value
    return None
