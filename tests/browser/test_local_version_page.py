"""A local version in the browser: its name in the top bar, its contact tappable in the footer, and the
page still passes axe in both colour schemes at laptop and phone sizes."""

import pytest

from conftest import build_with
from exercises.site.server import serve_in_background

from .axe import run_axe

pytestmark = pytest.mark.browser

LOCAL = """locality: "Anytown & District Health Partnership"
contact:
  name: "the Anytown care planning team"
  email: "careplanning@anytown.example.org"
  phone: "0161 496 0000"
model_of_care:
  - step: "Contact 1: tests"
    how: "All checks in one visit"
    when: "Two weeks before contact 2"
    where: "The surgery"
    by_whom: "Healthcare assistant"
"""


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local")
    done = build_with(tmp, {"data/local.yml": lambda _: LOCAL})
    assert done.returncode == 0, done.stderr
    server, url = serve_in_background(tmp / "site")
    yield url
    server.shutdown()


def test_the_local_name_and_contact_show_on_every_page_and_pass_axe(browser, local_site):
    for width, scheme in ((1280, "light"), (390, "dark")):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        page = context.new_page()
        page.goto(local_site + "public/")
        if width > 1000:
            assert "Anytown & District Health Partnership" in page.inner_text(".md-header__topic")
        assert page.title().endswith("House of Care training: Anytown & District Health Partnership")
        footer = page.locator(".md-footer")
        assert "This is the Anytown & District Health Partnership version of this site." in footer.inner_text()
        phone = footer.get_by_role("link", name="0161 496 0000")
        assert phone.get_attribute("href") == "tel:01614960000"
        assert footer.get_by_role("link", name="careplanning@anytown.example.org").count() == 1
        assert run_axe(page) == [], (width, scheme)
        context.close()
