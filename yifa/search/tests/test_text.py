"""The tokenizer both engines share: bigrams within Han runs, end tokens, words, folding, segments."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yifa.search.engines import MAX_POSITIONS_PER_LEXEME, MAX_SEGMENT_POSITIONS, SEGMENT_OVERLAP, segments
from yifa.search.text import compile_term, compile_terms, fold, highlight_pattern, index_tokens


def test_a_han_run_becomes_overlapping_bigrams_then_an_end_token():
    assert index_tokens("肇东市政府") == ["肇东", "东市", "市政", "政府", "府_"]


def test_punctuation_and_spaces_break_runs_so_no_bigram_spans_them():
    tokens = index_tokens("肇东市，政府 信息。")
    assert tokens == ["肇东", "东市", "市_", "政府", "府_", "信息", "息_"]
    assert "市政" not in tokens


def test_a_single_han_character_run_is_its_end_token():
    assert index_tokens("第3条") == ["第_", "3", "条_"]


def test_other_letters_and_digits_are_lower_cased_words():
    assert index_tokens("GB/T 39046—2020 Wagtail") == ["gb", "t", "39046", "2020", "wagtail"]


def test_full_width_letters_digits_and_compatibility_ideographs_fold_to_their_plain_forms():
    assert index_tokens("ＧＢ／Ｔ　３９０４６") == ["gb", "t", "39046"]
    assert index_tokens("\u2f00\u2f06") == ["一二", "二_"]  # Kangxi radicals 一 二


@given(st.text(max_size=200))
def test_folding_keeps_every_character_in_its_place(text):
    assert len(fold(text)) == len(text)


@given(st.text(max_size=200))
def test_every_han_character_begins_some_token(text):
    """Which is why a one-character query is a prefix query over the same tokens."""
    tokens = index_tokens(text)
    for char in fold(text):
        if index_tokens(char) == [char + "_"]:  # a Han character
            assert any(token.startswith(char) for token in tokens)


def test_a_multi_character_han_term_is_a_phrase_of_its_bigrams():
    term = compile_term("肇东市")
    assert term is not None and term.tokens == ("肇东", "东市") and not term.prefix


def test_a_single_character_term_is_a_prefix():
    term = compile_term("市")
    assert term is not None and term.tokens == ("市",) and term.prefix


def test_a_mixed_term_ends_inner_han_runs_and_ends_with_a_prefix_when_it_closes_on_one_character():
    assert compile_term("2016年报告").tokens == ("2016", "年报", "报告")  # type: ignore[union-attr]
    term = compile_term("第1条")
    assert term is not None and term.tokens == ("第_", "1", "条") and term.prefix


def test_terms_without_letters_digits_or_han_are_dropped_and_repeats_merged():
    terms, dropped = compile_terms("\"*  ' OR -- 政府 政府 ^")
    assert [t.tokens for t in terms] == [("or",), ("政府",)]
    assert dropped == ['"*', "'", "--", "^"]


def test_the_highlight_pattern_finds_what_the_phrase_matches():
    assert highlight_pattern(compile_term("GB/T")).search(fold("执行GB T 39046")) is not None  # type: ignore[arg-type]
    assert highlight_pattern(compile_term("2016年")).search(fold("2016年度")) is not None  # type: ignore[arg-type]
    assert highlight_pattern(compile_term("2016年")).search(fold("12016年")) is None  # type: ignore[arg-type]


@given(st.lists(st.sampled_from(["政府", "府政", "a", "b"]), max_size=3000))
def test_segments_respect_the_tsvector_limits_and_keep_every_short_phrase_whole(tokens):
    stream = [(token, str(position)) for position, token in enumerate(tokens)]  # "weight" = position here
    windows = []
    for window in segments(stream):  # type: ignore[arg-type]
        assert len(window) <= MAX_SEGMENT_POSITIONS
        counts: dict[str, int] = {}
        for token, _position in window:  # type: ignore[misc]
            counts[token] = counts.get(token, 0) + 1
        assert max(counts.values(), default=0) <= MAX_POSITIONS_PER_LEXEME
        if window:
            begin = int(window[0][1])  # type: ignore[index]
            windows.append((begin, begin + len(window)))
    for first in range(len(stream)):
        last = min(first + SEGMENT_OVERLAP + 1, len(stream))
        assert any(begin <= first and last <= end for begin, end in windows)
