"""House of Care training exercises.

The engine (loading, validating and scoring definitions) uses the standard library only, so the same
code runs on the host and in the browser under Pyodide. Reading YAML and building the site are build
time only (see `catalogue`, `yaml_source` and the `site` subpackage).
"""

__version__ = "0.1.0"
