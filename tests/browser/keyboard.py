"""Moving around a page with the keyboard only, as a keyboard user would."""


def tab_to(page, selector, limit=400):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")
