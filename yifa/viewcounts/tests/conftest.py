import pytest
from wagtail.models import Page, PageViewRestriction

from yifa.portal.demo import tree_root


def add_page(slug: str, **fields) -> Page:
    # tree_root(): a transactional test before this one may have flushed the root page away.
    return tree_root().add_child(instance=Page(title=slug, slug=slug, **fields))


@pytest.fixture
def article(db):
    """A live public page: the beacon counts any such page, not only portal articles."""
    return add_page("a-live-page")


@pytest.fixture
def draft(db):
    return add_page("a-draft", live=False)


@pytest.fixture
def private_page(db):
    page = add_page("a-private-page")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    return page
