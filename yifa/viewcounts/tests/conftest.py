import pytest
from wagtail.models import Page, PageViewRestriction


def add_page(slug: str, **fields) -> Page:
    return Page.get_first_root_node().add_child(instance=Page(title=slug, slug=slug, **fields))


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
