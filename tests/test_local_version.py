"""A locality's version looks local: its name on the home page and the public guide, its contact on the
accessibility and privacy pages (tappable), its community groups on the public 'your plan' page; the
general site says plainly that it gives no contact."""

from conftest import build_with

LOCAL = """locality: "Anytown Health Partnership"
contact:
  name: "the Anytown care planning team"
  email: "careplanning@anytown.example.org"
  phone: "0161 496 0000"
  web: "https://anytown.example.org/care-planning"
model_of_care:
  - step: "Contact 1: tests"
    how: "All checks in one visit"
    when: "Two weeks before contact 2"
    where: "The surgery"
    by_whom: "Healthcare assistant"
community_resources:
  - name: "Anytown Walking Group"
    what: "Gentle walks every Wednesday"
    contact: "0161 496 0001"
"""


def page(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_a_locality_version_shows_its_name_contact_and_groups(tmp_path):
    done = build_with(tmp_path, {"data/local.yml": lambda _: LOCAL})
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    for path in ("", "public"):
        assert "This is the Anytown Health Partnership version of this site." in page(site, path)
    for path in ("accessibility", "privacy"):
        html = page(site, path)
        assert "This site is run by the Anytown care planning team." in html
        assert '<a href="mailto:careplanning@anytown.example.org">' in html
        assert '<a href="tel:01614960000">0161 496 0000</a>' in html
        assert '<a href="https://anytown.example.org/care-planning">' in html
    plan = page(site, "public/your-plan")
    assert "Anytown Walking Group" in plan and '<a href="tel:01614960001">' in plan
    # Every page: the header and the browser tab name the locality; the footer says who runs it, tappably.
    for path in ("", "public/your-plan", "clinicians", "exercises/parts-of-the-house"):
        html = page(site, path)
        assert "House of Care training: Anytown Health Partnership</title>" in html
        header = html.split('<header class="md-header', 1)[1].split("</header>", 1)[0]
        assert "House of Care training: Anytown Health Partnership" in header
        footer = html.split('<div class="md-copyright">', 1)[1].split("</div>\n</div>", 1)[0]
        assert "This is the Anytown Health Partnership version of this site." in footer
        assert "Run by the Anytown care planning team." in footer
        assert '<a href="tel:01614960000">0161 496 0000</a>' in footer
        assert '<a href="mailto:careplanning@anytown.example.org">careplanning@anytown.example.org</a>' in footer


def test_the_general_site_says_it_gives_no_contact_and_names_no_locality(built_site):
    for path in ("accessibility", "privacy"):
        assert "This copy of the site does not give a contact yet." in page(built_site, path)
    home = page(built_site, "")
    assert "version of this site." not in home
    assert "<title>Home - House of Care training</title>" in home
    # The footer points to where problems can be reported.
    assert 'href="./accessibility/#tell-us-about-a-problem">who to tell</a>' in home
    assert 'id="tell-us-about-a-problem"' in page(built_site, "accessibility")


def test_a_locality_name_that_could_be_markup_is_refused(tmp_path):
    bad = LOCAL.replace('locality: "Anytown Health Partnership"', 'locality: "Anytown <b>Health</b>"')
    done = build_with(tmp_path, {"data/local.yml": lambda _: bad})
    assert done.returncode != 0
    assert "local.yml:1: locality: use at most 80 letters, digits, spaces" in done.stderr


def test_a_bad_contact_is_named(tmp_path):
    bad = LOCAL.replace('  web: "https://anytown.example.org/care-planning"', '  web: "javascript:alert(1)"').replace(
        '  email: "careplanning@anytown.example.org"', "  email: 42")
    done = build_with(tmp_path, {"data/local.yml": lambda _: bad})
    assert done.returncode != 0
    assert "local.yml:6: contact.web: must be a full https:// address" in done.stderr
    assert 'local.yml:4: contact.email: expected text; put it in quotes, for example email: "42"' in done.stderr
