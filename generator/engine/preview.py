"""The preview server (``phobien serve``): MkDocs' live-reload server, made to show a
failed build in the browser instead of hanging, and to reload pages under the site's
Content-Security-Policy.

Why the page hung (mkdocs/livereload/__init__.py, MkDocs 1.6 and ProperDocs alike): a
rebuild begins by moving the wanted version of the site on (``_wanted_epoch``); when it
fails, the visible version (``_visible_epoch``) stays behind. The open page's long poll
(``/livereload/<epoch>/<id>``) sees no newer version and waits on; every page asked for
meanwhile waits, without a timeout, for the two to meet again: for a build that succeeds.
And when the first build failed, ``mkdocs serve`` did not start at all.

Here the builder never lets a build's failure out: it keeps it (``Failure``), and the
build loop moves the visible version on as after a good build. The open page reloads,
every page address is answered with the error page (``serve_errors.py``) until a build
succeeds, and then the same reload brings back the page at the same address.

MkDocs writes its reload script inline into each page, which the pages' policy (no inline
script, ``outputs/pages/policy.py``) refuses: the live reload never ran in the browser.
The same script, the engine's own text, comes here from a file of the server, under
``/livereload/``, the addresses that server keeps for itself.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from os.path import isdir, isfile, join
from typing import Any
from urllib.parse import urlsplit

from mkdocs import livereload
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator.engine import choice, serve_errors
from generator.problems import CatalogError
from generator.words.staff import SERVE_ERRORS

log = logging.getLogger("mkdocs.plugins.phobien")

SCRIPT = "/livereload/phobien.js"
STYLE = "/livereload/phobien-errors.css"
# The engine's script as a file: the page's version and the page's own number come from
# the attributes of the script element that loads it.
_SCRIPT_BODY = livereload._SCRIPT_TEMPLATE.substitute(
    epoch="Number(document.currentScript.dataset.epoch)",
    request_id="Number(document.currentScript.dataset.request)",
).encode()
_OWN_FILES = {
    SCRIPT: (_SCRIPT_BODY, "application/javascript"),
    STYLE: (serve_errors.STYLE.read_bytes(), "text/css; charset=utf-8"),
}

StartResponse = Callable[..., Any]


class PreviewServer(livereload.LiveReloadServer):
    """MkDocs' server, answering every page address with the error page while the last
    build failed (``failure``, set by the builder before the build loop moves the visible
    version on)."""

    def __init__(self, *, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.failure: serve_errors.Failure | None = None

    def _serve_request(self, environ: dict[str, Any],
                       start_response: StartResponse) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path in _OWN_FILES:
            body, kind = _OWN_FILES[path]
            start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body))),
                                      ("Cache-Control", "no-store")])
            return [body]
        if self._is_page(path):
            # As MkDocs does before it reads a file: wait for a build under way to end.
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch, failure = self._visible_epoch, self.failure
            if failure is not None:
                html = serve_errors.page(failure, path, self.lang, STYLE).encode()
                body = self._inject_js_into_html(html, epoch)
                start_response("503 Service Unavailable", [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
                return [body]
        result: Iterable[bytes] | None = super()._serve_request(environ, start_response)
        return result

    def _is_page(self, path: str) -> bool:
        """An address under the site's that a browser opens as a page (not a stylesheet,
        a feed or a dataset, which the last good build may still answer)."""
        if path.startswith("/livereload/") or not (path + "/").startswith(self.mount_path):
            return False  # the open pages' long polls are MkDocs' to answer, broken or not
        last = path.rsplit("/", 1)[-1]
        return last == "" or last.endswith(".html") or "." not in last

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        tag = (f'<script src="{SCRIPT}" data-epoch="{epoch}" '
               f'data-request="{livereload._timestamp()}"></script>').encode()
        return content[:body_end] + tag + content[body_end:]


def failure_of(exc: BaseException, logged: Sequence[str] = ()) -> serve_errors.Failure:
    """What stopped a build, from the exception and the ones it was raised from: the
    plugin turns the catalog's problems into a PluginError, which MkDocs logs and turns
    into ``Abort("Aborted with a BuildError!")``; the chain still holds both. Other
    errors MkDocs logs and then aborts (a wrong setting in mkdocs.yml): what it
    ``logged``, as the terminal shows it."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        if isinstance(current, CatalogError):
            return serve_errors.Failure(problems=current.problems)
        seen.append(current)
        current = current.__cause__ or current.__context__
    if logged:
        return serve_errors.Failure(message="\n".join(logged))
    said = next((e for e in seen if not isinstance(e, Abort)), exc)
    return serve_errors.Failure(message=str(said) or type(said).__name__)


class _Errors(logging.Handler):
    """The engine's error messages during one build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def serve(config_file: str, dev_addr: str, lang: str) -> None:
    """MkDocs' ``serve`` (mkdocs/commands/serve.py, livereload on, the build not dirty)
    with the server above and a builder that keeps a failure rather than raising it:
    started with a broken catalog, the server starts and shows it."""
    # A new folder under the temporary one, removed at the end: never a published site.
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config() -> MkDocsConfig:
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = livereload._serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        errors = _Errors()
        engine_log = logging.getLogger(choice.logger_name())
        engine_log.addHandler(errors)
        try:
            if config is None:  # read again: mkdocs.yml may have changed, or broken
                config = get_config()
                config.site_url = serve_url
            build(config, serve_url=serve_url, dirty=False)
        except Exception as exc:  # whatever stopped the build is shown, the server goes on
            if not isinstance(exc, Abort):  # not one MkDocs has logged already
                log.exception("%s", exc)
            server.failure = failure_of(exc, errors.messages)
            log.warning(SERVE_ERRORS["log"].get(lang, SERVE_ERRORS["log"]["en"]))
        else:
            server.failure = None
        finally:
            engine_log.removeHandler(errors)

    server = PreviewServer(builder=builder, host=host, port=port, root=site_dir,
                           mount_path=mount_path, lang=lang)

    def error_handler(code: int) -> bytes | None:
        error_page = join(site_dir, f"{code}.html")
        if code in (404, 500) and isfile(error_page):
            with open(error_page, "rb") as f:
                return f.read()
        return None

    server.error_handler = error_handler
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        served = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            served.watch(item)
        try:
            served.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            served.shutdown()
    finally:
        config.plugins.on_shutdown()
        if isdir(site_dir):
            shutil.rmtree(site_dir)
