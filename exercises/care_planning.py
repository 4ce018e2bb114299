"""The words of care and support planning every exercise type shares: settings, steps, parts of the house.

Each step and part of the house has its label and the page that explains it (relative to docs/).
"""

SETTINGS = {
    "surgery": "At the surgery",
    "telephone": "By telephone",
    "home-visit": "At home (home visit)",
}

STEPS = {
    "preparation": ("Preparation", "process/preparation.md"),
    "conversation": ("The conversation", "process/conversation.md"),
    "documentation": ("Documentation: writing the plan down", "process/documentation.md"),
    "review": ("Review", "process/review.md"),
}

HOUSE = {
    "centre": ("Centre: the care and support planning conversation", "house/centre.md"),
    "left-wall": ("Left wall: engaged, informed individuals and carers", "house/left-wall.md"),
    "right-wall": ("Right wall: professionals committed to partnership", "house/right-wall.md"),
    "roof": ("Roof: organisational systems and processes", "house/roof.md"),
    "foundations": ("Foundations: responsive commissioning", "house/foundations.md"),
}
