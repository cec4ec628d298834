import pytest

from yifa.org.demo import load as load_org_demo


@pytest.fixture
def zhaodong(db):
    """The org demo: Zhaodong's 34 departments and the demo accounts."""
    load_org_demo()


@pytest.fixture
def demo_lists(zhaodong):
    from yifa.powers.demo import load_powers_demo

    return load_powers_demo()
