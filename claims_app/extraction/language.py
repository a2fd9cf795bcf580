"""Language detection (placeholder until the extraction work fills it in)."""


def detect_language(text: str) -> str:
    return "und"
