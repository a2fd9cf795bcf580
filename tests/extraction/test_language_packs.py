"""The language pack registry: folders of tables, read as one union, own tables kept apart."""
import pytest

from claims_app.extraction import lang
from claims_app.extraction.numbers import find_numeric_claims
from claims_app.extraction.quotes import find_quotes


def test_every_pack_declares_itself_and_its_rows_are_well_formed():
    codes = lang.codes()
    assert {"ar", "he", "en", "fr", "ru", "und"} <= set(codes)
    for p in lang.packs():
        assert p.name and len(p.script) == 4
        assert p.own_tables <= set(p.tables), f"{p.code}: own table without rows"
        for table, rows in p.tables.items():
            assert all(row and row[0].strip() == row[0] and row[0] for row in rows), (p.code, table)


def test_a_table_is_the_union_of_the_packs():
    verbs = set(lang.entries("reporting_verb"))
    assert {"قال", "אמר", "said", "déclaré", "заявил"} <= verbs


def test_own_tables_count_only_for_their_language():
    assert "sept" not in {r[0] for r in lang.rows("number_word")}
    assert "sept" in {r[0] for r in lang.rows("number_word", "fr")}
    assert [c.text for c in find_numeric_claims("Sept soldats ont été blessés.", "fr")] == ["Sept soldats"]
    assert find_numeric_claims("On 5 Sept the UN met.", "en") == []


def test_mixed_text_is_read_with_every_pack():
    text = ('הכתב ציטט את השר: "אנחנו נמשיך לפעול בכל הכוח". По словам министра, '
            '«бюджет вырастет на 2,5%», а дефицит составит 8 млрд рублей.')
    numbers = [c.text for c in find_numeric_claims(text, "he")]
    assert "8 млрд рублей" in numbers
    assert len(find_quotes(text, "he")) == 2


def test_a_new_language_is_a_folder_of_tables(tmp_path):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "Example"\nscript = "Latn"\ndecimal_comma = true\n',
                                      encoding="utf-8")
    (folder / "speech.tsv").write_text("# a comment\nreporting_verb\tsagt\n", encoding="utf-8")
    pack = lang.load_pack(folder)
    assert (pack.code, pack.script, pack.decimal_comma) == ("xx", "Latn", True)
    assert pack.rows("reporting_verb") == [("sagt",)]


def test_a_malformed_row_names_its_file_and_line(tmp_path):
    folder = tmp_path / "yy"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "Broken"\nscript = "Latn"\n', encoding="utf-8")
    (folder / "numbers.tsv").write_text("month\tjanuary\nonlyonecell\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"numbers.tsv:2"):
        lang.load_pack(folder)
