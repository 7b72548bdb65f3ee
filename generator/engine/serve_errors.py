"""The page the preview server shows while the site cannot be built: every problem of the
catalog (file, line, field, message and code, as ``phobien check`` prints them), in the
staff's language, and that the page comes back by itself once the file is fixed.

Only the preview server (``engine/preview.py``) answers with it, at whatever page address
the browser asks for while the build fails; it is never written into a site. A plain
module: no engine here, so that the tests read the page without a server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.outputs.pages import policy
from generator.problems import Problem
from generator.words.staff import REPORT_HEADER, SERVE_ERRORS

HERE = Path(__file__).parent
STYLE = HERE / "serve_errors.css"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE),
    autoescape=True,  # a catalog value quoted in a message is text, never markup
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Failure:
    """Why the last build stopped: the catalog's problems, or else what the engine said."""

    problems: list[Problem] = field(default_factory=list)
    message: str = ""


def page(failure: Failure, address: str, lang: str, style: str) -> str:
    """The error page for ``address``, every word in ``lang``; ``style``: the address the
    server gives its stylesheet. The same Content-Security-Policy as the site's pages: the
    page loads its style and the reload script from the server, nothing inline.

    >>> html = page(Failure([Problem("wrong-type", "catalog/products/cpi.yml", 14,
    ...     "periodic", {"value": "'<b>'", "expected": {"vi": "true", "en": "true"}})]),
    ...     "/products/cpi/", "vi", "/s.css")
    >>> "catalog/products/cpi.yml:14 periodic</code>: giá trị &#39;&lt;b&gt;&#39;" in html
    True
    """
    words = {key: text.get(lang, text["en"]) for key, text in SERVE_ERRORS.items()}
    header = REPORT_HEADER.get(lang, REPORT_HEADER["en"]).format(count=len(failure.problems))
    # The address set as code in the sentence, and escaped there as everywhere.
    where = Markup(escape(words["address"])).format(
        address=Markup("<code>{}</code>").format(address))
    return _env.get_template("serve_errors.html").render(
        lang=lang, words=words, header=header, failure=failure, where=where,
        style=style, policy=Markup(policy.META))
