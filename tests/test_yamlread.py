"""The YAML reader keeps what the author wrote and says where problems are."""

from generator.yamlread import read_yaml


def data(text: str) -> dict:
    doc, problems = read_yaml(text, "f.yml")
    assert problems == [], problems
    return doc.data


def test_yaml11_booleans_stay_text() -> None:
    assert data("a: no\nb: yes\nc: on\nd: off\ne: NO\n") == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": "NO"}


def test_true_false_null_numbers() -> None:
    assert data("a: true\nb: false\nc: null\nd: ~\ne: 12\nf: 1.5\ng: -3\n") == {"a": True, "b": False, "c": None, "d": None, "e": 12, "f": 1.5, "g": -3}


def test_dates_octals_and_sexagesimals_stay_text() -> None:
    assert data("a: 2024-02-30\nb: 2024-01-01\nc: 010\nd: 1:20\ne: 1_000\n") == {"a": "2024-02-30", "b": "2024-01-01", "c": "010", "d": "1:20", "e": "1_000"}


def test_raw_text_of_numbers_is_kept_for_messages() -> None:
    doc, _ = read_yaml("version: 1.10\n", "f.yml")
    assert doc.data == {"version": 1.1}
    assert doc.raw[("version",)] == "1.10"


def test_quoted_values_are_strings() -> None:
    assert data("a: '12'\nb: \"true\"\n") == {"a": "12", "b": "true"}


def test_positions_are_one_based_for_every_value() -> None:
    doc, _ = read_yaml("a:\n  b:\n    - x\n    - {c: 1}\n", "f.yml")
    assert doc.positions[("a", "b", 0)] == (3, 7)
    assert doc.positions[("a", "b", 1, "c")] == (4, 11)
    assert doc.key_positions[("a", "b")] == (2, 3)


def test_block_scalar_lines_map_to_file_lines() -> None:
    doc, _ = read_yaml("x: 1\nbody: |\n  first\n  second\n", "f.yml")
    assert doc.text_line(("body",), 2) == 4


def test_duplicate_key_names_both_lines() -> None:
    _, problems = read_yaml("title: a\nother: b\ntitle: c\n", "f.yml")
    assert [p.format() for p in problems] == ["f.yml:3:1: error Y002: title: duplicate key 'title': also defined on line 1; remove one of them"]


def test_nested_duplicate_key() -> None:
    _, problems = read_yaml("a:\n  b: 1\n  b: 2\n", "f.yml")
    assert problems[0].line == 3 and problems[0].field == "a.b"


def test_tags_are_refused_and_nothing_runs(tmp_path) -> None:
    marker = tmp_path / "ran"
    _, problems = read_yaml(f"x: !!python/object/apply:os.system ['touch {marker}']\n", "f.yml")
    assert problems[0].rule == "Y003"
    assert not marker.exists()


def test_aliases_are_refused() -> None:
    _, problems = read_yaml("a: &x [1, 2]\nb: *x\n", "f.yml")
    assert problems[0].rule == "Y007" and problems[0].line == 1


def test_billion_laughs_is_refused_quickly() -> None:
    text = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    _, problems = read_yaml(text, "f.yml")
    assert problems and problems[0].rule == "Y007"


def test_very_deep_nesting_is_an_error_not_a_crash() -> None:
    _, problems = read_yaml("a: " + "[" * 100000 + "]" * 100000 + "\n", "f.yml")
    assert problems[0].rule == "Y004"


def test_unclosed_bracket_points_at_the_bracket() -> None:
    _, problems = read_yaml("a: 1\nb: [x, y\nc: 2\n", "f.yml")
    assert (problems[0].line, problems[0].column, problems[0].rule) == (2, 4, "Y001")


def test_one_mapping_only() -> None:
    for text in ("", "null\n", "- a\n", "just text\n", "a: 1\n---\nb: 2\n"):
        _, problems = read_yaml(text, "f.yml")
        assert problems[0].rule == "Y006", text


def test_fast_path_reads_every_real_file_exactly_as_the_located_reader() -> None:
    """Files are read without positions first; the data, and the positions worked out later, must match a full read."""
    from generator.discover import discover
    from generator.load import load_sources
    from generator.yamlread import _Builder, _feed
    from tests.conftest import FIXTURE, ROOT

    compared = 0
    for root in (ROOT, FIXTURE):
        loaded, problems = load_sources(discover(root)[0])
        assert problems == []
        for item in loaded:
            full = _Builder(item.doc._line_offset)
            _feed(full, item.doc._text)
            assert item.doc.data == full.data, item.src_path
            assert (item.doc.positions, item.doc.key_positions, item.doc.raw, item.doc.block) == (full.found.values, full.found.keys, full.found.raw, full.found.block)
            compared += 1
    assert compared > 100
