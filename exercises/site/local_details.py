"""Local details kept as data (docs/data/local.yml), so a locality can make the site its own by
editing one file: its name, its model of care (how, when, where, by whom for each step) and the
community groups plans can point people to.

Pages hold markers on lines of their own:  [[local: model-of-care]]  [[local: community-resources]]
[[local: contact]] (who runs this copy of the site, and how to reach them)  [[local: locality]] (a line
saying whose version this is; nothing on the general site).
"""

from __future__ import annotations

import re
from pathlib import Path

from .data_files import check_entry, place, read_mapping
from .safe_markdown import contact, https_address, reach, text, text_with_links

MARKER = re.compile(r"^\[\[local:[ \t]*([a-z-]+)[ \t]*\]\][ \t]*$", re.M)
STEP_FIELDS = ("step", "how", "when", "where", "by_whom")
RESOURCE_FIELDS = ("name", "what", "contact")
CONTACT_FIELDS = ("name", "email", "phone", "web")
KNOWN = ("locality", "model_of_care", "community_resources", "contact")
MAX_TEXT = 600
# The locality's name goes into the header and every page's title, so it is plain words only.
LOCALITY = re.compile(r"^[\w][\w ,.'()&/-]{0,79}$")


def read_local(path: Path) -> dict:
    """Read and check the file; a problem names the file and the field."""
    data = read_mapping(path, "local details")
    problems: list[str] = []
    for key in data:
        if key not in KNOWN:
            problems.append(f"{place(f'{path}: {key}')}: unknown field (known: {', '.join(KNOWN)})")
    locality = data.get("locality", "")
    if not isinstance(locality, str):
        problems.append(f"{place(f'{path}: locality')}: expected text")
    elif locality.strip() and not LOCALITY.match(" ".join(locality.split())):
        problems.append(f"{place(f'{path}: locality')}: use at most 80 letters, digits, spaces and , . ' ( ) & / - "
                        f"(it is shown in the header of every page)")

    def rows(key: str, fields: tuple, required: tuple, min_rows: int) -> list:
        value = data.get(key) or []
        if not isinstance(value, list):
            problems.append(f"{place(f'{path}: {key}')}: expected a list")
            return []
        if len(value) < min_rows:
            problems.append(f"{place(f'{path}: {key}')}: needs at least {min_rows} row(s)")
        for i, row in enumerate(value):
            if not isinstance(row, dict):
                problems.append(f"{place(f'{path}: {key}[{i}]')}: expected a mapping of {', '.join(fields)}")
                continue
            check_entry(row, f"{path}: {key}[{i}]", fields, required, problems, MAX_TEXT)
            for field in set(fields) - set(required):
                value = row.get(field)
                if value is not None and not isinstance(value, str):
                    problems.append(f"{place(f'{path}: {key}[{i}].{field}')}: expected text; put it in quotes, "
                                    f'for example {field}: "{value}"')
                elif isinstance(value, str) and len(value) > MAX_TEXT:
                    problems.append(f"{place(f'{path}: {key}[{i}].{field}')}: longer than {MAX_TEXT} characters")
        return value

    who = data.get("contact") or {}
    if not isinstance(who, dict):
        problems.append(f"{place(f'{path}: contact')}: expected a mapping of {', '.join(CONTACT_FIELDS)}")
    else:
        check_entry(who, f"{path}: contact", CONTACT_FIELDS, (), problems, MAX_TEXT)
        for field, value in who.items():
            if field in CONTACT_FIELDS and value is not None and not isinstance(value, str):
                problems.append(f"{place(f'{path}: contact.{field}')}: expected text; put it in quotes, "
                                f'for example {field}: "{value}"')
        if isinstance(who.get("email"), str) and who["email"] and "@" not in who["email"]:
            problems.append(f"{place(f'{path}: contact.email')}: expected an email address, such as team@example.org")
        if isinstance(who.get("web"), str) and who["web"] and not https_address(who["web"]):
            problems.append(f"{place(f'{path}: contact.web')}: must be a full https:// address")
    rows("model_of_care", STEP_FIELDS, STEP_FIELDS, 1)
    rows("community_resources", RESOURCE_FIELDS, ("name", "what"), 0)
    if problems:
        raise ValueError("\n".join(problems))
    return data


def _cell(value: str) -> str:
    """Shown as typed: never HTML or an image; links only to this site's pages, https://, mailto: or tel:
    (safe_markdown escapes "|" for the table too)."""
    return text_with_links(value)


def model_of_care(local: dict) -> str:
    place = (local.get("locality") or "").strip()
    if place:
        heading = f"## The model of care in {text(place)} {{ #model-of-care-table }}"
        intro = "This is how care and support planning is organised here."
    else:
        heading = "## Worked example: a two-contact model { #model-of-care-table }"
        intro = ("This table shows how one practice might fill in its model of care, using the two-contact "
                 "pattern and the examples in the sources. Your own will differ.")
    lines = [heading, "", intro, "", "| Step | How | When | Where | By whom |", "| --- | --- | --- | --- | --- |"]
    for row in local["model_of_care"]:
        lines.append("| " + " | ".join(_cell(row[f]) for f in STEP_FIELDS) + " |")
    return "\n".join(lines)


def community_resources(local: dict) -> str:
    resources = local.get("community_resources") or []
    if not resources:
        return ""
    place = (local.get("locality") or "").strip()
    lines = [f"## In {text(place) if place else 'this area'} {{ #in-this-area }}", "",
             "Groups and services that plans here can point people to:", ""]
    for r in resources:
        reach = f" Contact: {contact(r['contact'])}" if r.get("contact") else ""
        lines.append(f"- **{text(r['name'])}**: {_cell(r['what'])}{reach}")
    return "\n".join(lines)


def contact_details(local: dict) -> str:
    """Who runs this copy of the site and how to reach them; without them, where to turn instead."""
    who = {k: v.strip() for k, v in (local.get("contact") or {}).items() if isinstance(v, str) and v.strip()}
    ways = [contact(who[k]) for k in ("email", "phone", "web") if k in who]
    if not ways:
        return ("This copy of the site does not give a contact yet. Tell the person or group who gave you the "
                "link to this site, and ask them to pass it on to whoever runs it.")
    runner = f"This site is run by {text(who['name'])}." if "name" in who else "Contact the team that runs this site."
    return f"{runner} You can reach them by: {', '.join(ways)}."


def site_identity(local: dict) -> dict:
    """What the theme shows on every page: the locality's name (for the header) and who runs this copy of
    the site with the ways to reach them (for the footer), as plain values the template escapes."""
    who = {k: " ".join(v.split()) for k, v in (local.get("contact") or {}).items()
           if isinstance(v, str) and v.strip()}
    return {"locality": " ".join((local.get("locality") or "").split()),
            "runner": who.get("name", ""),
            "reach": [dict(zip(("text", "href"), reach(who[k]))) for k in ("email", "phone", "web") if k in who]}


def locality_line(local: dict) -> str:
    place = (local.get("locality") or "").strip()
    if not place:
        return ""
    return (f"!!! note \"The {text(place)} version\"\n    This is the {text(place)} version of this site. It shows how "
            f"care and support planning is done here.")


RENDERERS = {"model-of-care": model_of_care, "community-resources": community_resources,
             "contact": contact_details, "locality": locality_line}


def fill_local(markdown: str, local: dict, page: str) -> str:
    def replace(match: re.Match) -> str:
        renderer = RENDERERS.get(match.group(1))
        if renderer is None:
            raise ValueError(f"docs/{page}: unknown local marker '{match.group(1)}' "
                             f"(markers: {', '.join(RENDERERS)})")
        return renderer(local)

    return MARKER.sub(replace, markdown)
