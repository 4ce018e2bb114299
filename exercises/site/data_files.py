"""Reading the site's data files (docs/data/*.yml): every problem names the file and the field."""

from __future__ import annotations

from pathlib import Path


def read_mapping(path: Path, what: str) -> dict:
    """The file's top-level mapping; a missing file, bad YAML or another shape raises ValueError."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(f"{path}: the {what} file is missing") from exc
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping ({what})")
    return data


def check_entry(entry: dict, where: str, known, required, problems: list[str], max_length: int | None = None) -> None:
    """Report unknown fields, and required fields that are missing, empty or too long."""
    for field in entry:
        if field not in known:
            problems.append(f"{where}.{field}: unknown field (known: {', '.join(sorted(known))})")
    for field in required:
        text = entry.get(field)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}.{field}: this field is required")
        elif max_length is not None and len(text) > max_length:
            problems.append(f"{where}.{field}: longer than {max_length} characters")
