from tests.claims.conftest import article, editor, make_claim  # noqa: F401  (the same small world)
