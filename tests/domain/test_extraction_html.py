"""Web pages: the guideline without the site around it, its structure from the markup."""

from __future__ import annotations

from domain.formats import extract
from domain.model import DocumentFormat

PAGE = """<!doctype html><html><head><title>Site</title><script>var t = 1;</script></head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="brand">Agency Home</div>
<form role="search"><label>Search this site</label><input name="q"></form>
<nav><ul><li><a href="/">Home</a></li><li><a href="/topics">Topics A-Z</a></li></ul></nav>
</header>
<nav class="breadcrumb"><ol><li>Home</li><li>Guidelines</li></ol></nav>
<main id="main">
<div class="page-tools"><a href="#">Print</a> <a href="#">Share</a></div>
<article>
<h1>Screening for Things</h1>
<h2>Major Recommendations</h2>
{body}
</article>
<p class="last-reviewed">Page last reviewed: March 2016</p>
</main>
<aside class="sidebar"><h2>Related resources</h2><ul><li>Patient fact sheet</li></ul></aside>
<footer class="site-footer"><ul><li>Privacy Policy</li><li>FOIA</li></ul></footer>
<div id="cookie-consent" class="cookie-banner" hidden><p>We use cookies.</p>
<button>Accept</button></div>
<script>document.getElementById("cookie-consent").hidden = false;</script>
</body></html>"""


def text_of(body: str, page: str = PAGE) -> str:
    return extract(page.replace("{body}", body).encode(), DocumentFormat.HTML).text


def test_only_the_guideline_is_read() -> None:
    text = text_of("<p>Adults should be screened.</p>")
    assert text == ("# Screening for Things\n\n## Major Recommendations\n\n"
                    "Adults should be screened.\n")


def test_chrome_is_dropped_when_there_is_no_main_element() -> None:
    page = PAGE.replace("<main id=\"main\">", "<div>").replace("</main>", "</div>")
    page = page.replace("<article>", "<div>").replace("</article>", "</div>")
    text = text_of("<p>Adults should be screened.</p>", page)
    for chrome in ("Skip to", "Agency Home", "Search", "Topics", "Related", "Privacy",
                   "cookies", "var t", "Print"):
        assert chrome not in text
    assert "Adults should be screened." in text


def test_cms_minor_headings_are_headings() -> None:
    text = text_of('<h3>Adults</h3><div class="section-title">Rationale</div>'
                   "<p>Because it works.</p><p><strong>Clinical Considerations</strong></p>"
                   "<p>Screen with care.</p><p><strong>Definitions</strong>:</p>")
    assert "### Adults\n\n#### Rationale\n\nBecause it works.\n\n#### Clinical Considerations\n" \
        in text
    assert "**Definitions**:" in text


def test_nested_lists_keep_numbers_and_depth() -> None:
    text = text_of("<ol start=\"4\"><li>Offer screening.<ul><li>Ask about symptoms.</li>"
                   "<li><p>Measure blood pressure.</p><p>Twice.</p></li></ul></li>"
                   "<li value=\"9\">Repeat every year.</li></ol>"
                   '<ol type="a"><li>First letter</li><li>Second letter</li></ol>')
    assert ("4. Offer screening.\n    - Ask about symptoms.\n    - Measure blood pressure.\n\n"
            "        Twice.\n\n9. Repeat every year.\n- a. First letter\n- b. Second letter\n"
            ) in text


def test_strong_is_bold_and_tables_are_rows() -> None:
    text = text_of("<p>Screen adults (<strong>Grade B</strong>).</p><table><thead><tr>"
                   "<th>Drug</th><th>Dose</th></tr></thead><tbody><tr><td>Aspirin</td>"
                   "<td>81 mg</td></tr></tbody></table>")
    assert "Screen adults (**Grade B**)." in text
    assert "- Drug: Aspirin | Dose: 81 mg" in text
