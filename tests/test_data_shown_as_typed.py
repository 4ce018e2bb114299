"""Text from the data files and front matter is shown as typed: never run as script, never a link to a
script URL, never an image or anything fetched from another origin, never able to end a tag."""

import re

from conftest import build_with

HOSTILE = '<script>window.hacked=1</script> [click](javascript:alert(1)) ![x](https://evil.example/x.png) {: #x }'


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# A locality's name is checked as plain words (tests/test_local_version.py); "&" is allowed and shown as typed.
LOCAL = f"""locality: {yaml_quoted("Anytown & Health")}
model_of_care:
  - step: {yaml_quoted(HOSTILE)}
    how: "Blood tests | and a | pipe ([Year of Care](../sources.md#yoc-process))"
    when: "Two weeks before"
    where: "The surgery"
    by_whom: "Healthcare assistant"
community_resources:
  - name: {yaml_quoted("Walking group <img src=x onerror=window.hacked=2>")}
    what: {yaml_quoted(HOSTILE)}
    contact: {yaml_quoted("<javascript:alert(1)> 0161 496 0000")}
"""


def assert_inert(html: str) -> None:
    shown = re.sub(r"&lt;script&gt;window\.hacked=\d&lt;/script&gt;", "", html)
    assert "window.hacked" not in shown.replace("&lt;img src=x onerror=window.hacked=2&gt;", "")
    assert 'href="javascript:' not in html.lower()
    assert "evil.example/x.png" not in html or 'src="https://evil.example' not in html
    assert not re.search(r"<(img|script|iframe)[^>]+evil\.example", html)


def test_hostile_local_details_and_sources_are_shown_as_typed(tmp_path):
    def sources(text):
        # The first source's title and publisher become hostile; its address stays a checked https:// link.
        text = re.sub(r"(?m)^(  title: ).*$", lambda m: m.group(1) + yaml_quoted(HOSTILE), text, count=1)
        return re.sub(r"(?m)^(  publisher: ).*$", lambda m: m.group(1) + yaml_quoted('Pub" onmouseover="x'), text, count=1)

    def description(text):
        return re.sub(r"(?m)^description:.*$", 'description: \'Say "hello" <script>window.hacked=3</script>\'',
                      text, count=1)

    done = build_with(tmp_path, {"data/local.yml": lambda _: LOCAL, "data/sources.yml": sources,
                                 "house/roof.md": description})
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"

    model = (site / "local" / "model-of-care" / "index.html").read_text(encoding="utf-8")
    assert "The model of care in Anytown &amp; Health" in model
    assert "&lt;script&gt;window.hacked=1&lt;/script&gt; [click](javascript:alert(1))" in model
    assert "Blood tests | and a | pipe" in model  # a "|" stays inside its cell
    assert '(<a href="../../sources/#yoc-process">Year of Care</a>)' in model  # a citation stays a link
    assert_inert(model)

    more = (site / "more-than-medicine" / "index.html").read_text(encoding="utf-8")
    assert "Walking group &lt;img src=x onerror=window.hacked=2&gt;" in more
    assert "&lt;javascript:alert(1)&gt; 0161 496 0000" in more
    assert_inert(more)

    listing = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.hacked=1&lt;/script&gt;" in listing
    assert_inert(listing)
    citing = [p for p in site.rglob("index.html") if 'class="page-meta__sources"' in p.read_text(encoding="utf-8")]
    assert citing
    for page in citing:
        html = page.read_text(encoding="utf-8")
        assert_inert(html)
        assert 'onmouseover="x"' not in html  # never an attribute of its own

    roof = (site / "house" / "roof" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Say &quot;hello&quot; &lt;script&gt;window.hacked=3&lt;/script&gt;">' in roof


def test_a_number_where_local_details_expect_text_is_named(tmp_path):
    done = build_with(tmp_path, {"data/local.yml": lambda _: LOCAL.replace(
        f'    contact: {yaml_quoted("<javascript:alert(1)> 0161 496 0000")}\n', "    contact: 111\n")})
    assert done.returncode != 0
    assert 'local.yml:11: community_resources[0].contact: expected text; put it in quotes, for example contact: "111"' \
        in done.stderr


def test_a_source_key_that_is_not_a_plain_slug_is_named(tmp_path):
    done = build_with(tmp_path, {"data/sources.yml": lambda text: text + '\n"bad key<": {title: T, publisher: P}\n'})
    assert done.returncode != 0
    assert "sources.yml: bad key<: a source's key is its address on the sources page" in done.stderr


def test_the_general_sites_model_of_care_keeps_its_citations_as_links(built_site):
    html = (built_site / "local" / "model-of-care" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../sources/#yoc-process">Year of Care</a>' in html
    assert "](../sources.md" not in html


def test_contacts_become_something_to_tap(tmp_path):
    local = LOCAL.replace(f'    contact: {yaml_quoted("<javascript:alert(1)> 0161 496 0000")}\n', '    contact: "0161 496 0000"\n')
    local += """  - name: "Walkers"
    what: "Walks on Wednesdays"
    contact: "https://walkers.example.org/join"
  - name: "Singers"
    what: "A choir"
    contact: "sing@singers.example.org"
"""
    done = build_with(tmp_path, {"data/local.yml": lambda _: local})
    assert done.returncode == 0, done.stderr
    more = (tmp_path / "site" / "more-than-medicine" / "index.html").read_text(encoding="utf-8")
    assert '<a href="tel:01614960000">0161 496 0000</a>' in more
    assert '<a href="https://walkers.example.org/join">https://walkers.example.org/join</a>' in more
    assert '<a href="mailto:sing@singers.example.org">sing@singers.example.org</a>' in more
