"""Reading the table-driven cases of tests/extraction/cases/<lang>_<kind>.tsv.

One case a line: name, text, expected (text and expected as JSON, so that newlines, tabs and
quote marks stay exact); '#' starts a comment line. The language is the file's prefix.
"""
import json
from pathlib import Path

CASES_DIR = Path(__file__).resolve().parent / "cases"


def load_cases(kind: str) -> list[tuple[str, str, str, list]]:
    """(name, language, text, expected) for every case of ``kind`` ('numbers' or 'quotes')."""
    out = []
    for path in sorted(CASES_DIR.glob(f"*_{kind}.tsv")):
        language = path.name.split("_", 1)[0]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 3:
                raise ValueError(f"{path.name}:{number}: expected name<TAB>text<TAB>expected")
            name, text, expected = cells
            out.append((name, language, json.loads(text), json.loads(expected)))
    return out
