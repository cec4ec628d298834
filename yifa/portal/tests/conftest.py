import pytest

from yifa.disclosure.tests.conftest import new_request, registered  # noqa: F401  (requests told as typical cases)
from yifa.portal.demo import load_portal_demo
from yifa.portal.models import ArticlePage, HomePage


@pytest.fixture
def portal(db, settings):
    """The demo portal: home page, columns, the seed report and an article in every column."""
    settings.ALLOWED_HOSTS = ["*"]
    load_portal_demo()
    return HomePage.objects.get()


@pytest.fixture
def seed(portal):
    return ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016")
