"""The shipped exercise definitions as the engine sees them (compiled JSON).

On the host they are read from the YAML files; inside Pyodide (which has no YAML reader) the runner
writes them to a JSON file named by HOC_DEFINITIONS.
"""

import json
import os


def shipped_definitions() -> dict:
    path = os.environ.get("HOC_DEFINITIONS")
    if path:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    from exercises.catalogue import load_valid

    return {entry.header.id: entry.data for entry in load_valid()}
