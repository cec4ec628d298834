"""Recall and precision on generated Chinese documents: a Han query finds exactly the documents containing it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yifa.search.index import index_document
from yifa.search.models import IndexedDocument
from yifa.search.query import search

from .conftest import document

# A small alphabet, so that substrings recur across documents and across punctuation boundaries.
HAN = "肇东市政府公开信息行许可"
TEXT = st.text(alphabet=HAN + "，。、 ab1", max_size=60)
DOCUMENTS = st.lists(st.tuples(st.text(alphabet=HAN + "，ab", max_size=12), TEXT), min_size=1, max_size=10)
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load(documents: list[tuple[str, str]]) -> dict[str, str]:
    IndexedDocument.objects.all().delete()  # examples share one test transaction
    for number, (title, body) in enumerate(documents):
        index_document(document(str(number), title or "无题", body))
    return {str(n): f"{title or '无题'}\n{body}" for n, (title, body) in enumerate(documents)}


def found(query: str) -> set[str]:
    page = search(query, per_page=100)
    assert page.total == len(page.items)
    return {item.key for item in page.items}


def containing(texts: dict[str, str], query: str) -> set[str]:
    return {key for key, text in texts.items() if any(query in part for part in text.split("\n"))}


@pytest.mark.django_db
@EXAMPLES
@given(documents=DOCUMENTS, data=st.data())
def test_a_substring_of_two_to_six_han_characters_finds_exactly_the_documents_containing_it(
        sources, documents, data):
    texts = load(documents)
    runs = [run for text in texts.values() for run in _han_runs(text) if len(run) >= 2]
    if not runs:
        return
    run = data.draw(st.sampled_from(runs))
    length = data.draw(st.integers(2, min(6, len(run))))
    start = data.draw(st.integers(0, len(run) - length))
    query = run[start:start + length]
    assert found(query) == containing(texts, query)


@pytest.mark.django_db
@EXAMPLES
@given(documents=DOCUMENTS, query=st.text(alphabet=HAN, min_size=2, max_size=6))
def test_any_han_string_finds_no_document_that_does_not_contain_it(sources, documents, query):
    texts = load(documents)
    assert found(query) == containing(texts, query)


@pytest.mark.django_db
@EXAMPLES
@given(documents=DOCUMENTS)
def test_every_single_han_character_finds_every_document_containing_it(sources, documents):
    texts = load(documents)
    for char in HAN:
        assert found(char) == containing(texts, char), char


def _han_runs(text: str) -> list[str]:
    runs, current = [], ""
    for char in text:
        if char in HAN:
            current += char
        else:
            if current:
                runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


@pytest.mark.django_db
def test_a_long_document_is_found_by_a_phrase_far_beyond_the_tsvector_limits(sources):
    """PostgreSQL keeps 256 positions per lexeme and none past 16,383: the document is segmented."""
    body = "政府" * 6000 + "，" + "信息公开" * 3000 + "双随机一公开" + "政府" * 300
    index_document(document("long", "长文", body))
    index_document(document("short", "短文", "双随机"))
    assert found("双随机一公开") == {"long"}
    assert found("公开双随") == {"long"}
    assert found("政府，") == {"long"}
    assert found("府信") == set()  # 政府，信息: the comma breaks the run
    assert found("双随机") == {"long", "short"}
