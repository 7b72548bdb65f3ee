"""The preview's error page (generator/engine/serve_errors.py): what a staff member reads
while the catalog is broken, and what the server makes of a failed build."""

from __future__ import annotations

import re

import lxml.html
import pytest
from mkdocs.exceptions import Abort, PluginError

from generator.engine import preview
from generator.engine.serve_errors import Failure, page
from generator.problems import CatalogError, Problem
from generator.words.staff import SERVE_ERRORS

CPI = Problem("wrong-type", "catalog/products/cpi.yml", 14, "periodic",
              {"value": "'có'", "expected": {"vi": "true hoặc false", "en": "true or false"}})
SCRIPTED = Problem("bad-value", "catalog/products/gdp.yml", 3, "form[0]",
                   {"value": "'<script>alert(1)</script>'", "allowed": "pdf, web"})


def _text(html: str) -> str:
    return " ".join(lxml.html.fromstring(html).text_content().split())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_word_is_in_the_staff_language(lang: str) -> None:
    html = page(Failure([CPI]), "/products/cpi/", lang, "/s.css")
    other = "en" if lang == "vi" else "vi"
    text = _text(html)
    assert f'<html lang="{lang}">' in html
    for key, words in SERVE_ERRORS.items():
        if key in ("log", "build"):  # the terminal's line; the page of another failure
            continue
        assert words[lang].format(address="/products/cpi/") in text
        assert words[other].format(address="/products/cpi/") not in text
    # The problem as `phobien check` prints it: file:line field: message [code].
    assert CPI.format(lang) in text
    assert CPI.format(other) not in text


def test_vietnamese_page_holds_no_english_word() -> None:
    text = _text(page(Failure([CPI]), "/products/cpi/", "vi", "/s.css"))
    # What is left once the problem's own line (file, field, code: names, not words) and
    # the command's name are taken out is Vietnamese only: no word of the English page.
    rest = " ".join(text.replace(CPI.format("vi"), "").replace("phobien serve", "").split())
    rest = rest.replace("/products/cpi/", "")  # an address
    words = re.compile(r"[^\W\d_]+")  # letters only
    en_page = _text(page(Failure([CPI]), "/x/", "en", "/s.css")).replace(CPI.format("en"), "")
    english = set(words.findall(en_page.lower())) - {"phobien", "serve"}
    assert not english & set(words.findall(rest.lower())), rest
    assert "Danh mục có 1 lỗi" in rest


def test_every_problem_is_listed_with_its_code() -> None:
    html = page(Failure([CPI, SCRIPTED]), "/", "vi", "/s.css")
    items = lxml.html.fromstring(html).cssselect("ol.problems li")
    assert [" ".join(li.text_content().split()) for li in items] == [
        CPI.format("vi"), SCRIPTED.format("vi")]
    assert "Danh mục có 2 lỗi" in _text(html)


def test_a_message_holding_markup_shows_as_text() -> None:
    html = page(Failure([SCRIPTED]), "/<img src=x>/", "en", "/s.css")
    assert "<script>alert(1)</script>" in _text(html)  # shown, as typed...
    assert "<script>alert" not in html  # ...never markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x>" not in html
    tree = lxml.html.fromstring(html)
    assert not tree.cssselect("script, style, [style], img")


def test_the_page_keeps_the_sites_policy() -> None:
    # Nothing inline to refuse: the style is a file of the server (the reload script too,
    # added by the server).
    html = page(Failure([CPI]), "/", "vi", "/livereload/phobien-errors.css")
    assert "Content-Security-Policy" in html and "script-src 'self'" in html
    assert '<link rel="stylesheet" href="/livereload/phobien-errors.css">' in html


def test_a_failure_that_is_not_the_catalogs_shows_what_the_engine_said() -> None:
    html = page(Failure(message="Error reading page 'about.md': <bad>"), "/", "vi", "/s.css")
    assert SERVE_ERRORS["build"]["vi"] in _text(html)
    assert "Error reading page &#39;about.md&#39;: &lt;bad&gt;" in html


def _raised(*chain: BaseException) -> BaseException:
    """The last of ``chain`` as raised from within the handling of the one before, as the
    plugin (PluginError from a CatalogError, `from None`) and MkDocs (Abort) raise them."""
    caught: BaseException | None = None
    for exc in chain:
        try:
            try:
                if caught is not None:
                    raise caught
            except BaseException:
                raise exc from None
            raise exc
        except BaseException as e:
            caught = e
    assert caught is not None
    return caught


def test_the_failure_of_a_build_is_the_catalogs_problems() -> None:
    error = CatalogError([SCRIPTED, CPI])
    raised = _raised(error, PluginError(error.report("vi")), Abort("Aborted with a BuildError!"))
    assert preview.failure_of(raised) == Failure(problems=error.problems)


def test_the_failure_of_a_build_names_the_engines_error_not_abort() -> None:
    raised = _raised(PluginError("docs/x.md is generated"), Abort("Aborted with a BuildError!"))
    assert preview.failure_of(raised) == Failure(message="docs/x.md is generated")
    assert preview.failure_of(ValueError("bad")) == Failure(message="bad")


def test_an_error_mkdocs_logged_before_it_aborted_is_what_is_shown() -> None:
    said = ["Config value 'nav': Expected nav to be a list, got a int: 12"]
    raised = Abort("Aborted with 1 configuration errors!")
    assert preview.failure_of(raised, said) == Failure(message=said[0])
    # The catalog's problems win over the report MkDocs logged of them.
    error = CatalogError([CPI])
    raised = _raised(error, PluginError(error.report("vi")), Abort("Aborted"))
    assert preview.failure_of(raised, [error.report("vi")]) == Failure(problems=[CPI])
