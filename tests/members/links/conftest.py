import pytest
from django.core.cache import cache

from members.links import registry
from members.links.actions import link_issue
from tests.factories import assign, make_member, make_record


@pytest.fixture(autouse=True)
def _fresh_counts_and_sms(settings, tmp_path):
    """Rate-limit counts start at zero in every test; SMS go to a folder of the test's own."""
    settings.SMS_FILE_PATH = tmp_path / "sms"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(tree):
    return make_member(tree.branch_a1, name="张善强")


@pytest.fixture
def other_member(tree):
    return make_member(tree.branch_a1, name="王秀玲")


@pytest.fixture
def issued(member, secretary_a):
    return link_issue(actor=secretary_a, member=member)


@pytest.fixture
def viewer_a(tree):
    from tests.factories import UserFactory

    user = UserFactory(username="dj_viewer", full_name="城东区组织部")
    assign(user, tree.town_a, "viewer")
    return user


@pytest.fixture
def waiting(tree, secretary_a):
    """李等待 of branch A1, registered to work in town B's mobile branch, not yet reported."""
    person = make_member(tree.branch_a1, name="李等待")
    return make_record(person, actor=secretary_a, inflow_organization=tree.branch_b1)


@pytest.fixture
def scratch_registry(monkeypatch):
    """Handlers registered for one test only."""
    monkeypatch.setattr(
        registry,
        "_registry",
        registry._Registry(
            sections=list(registry._registry.sections),
            actions=dict(registry._registry.actions),
            pages=dict(registry._registry.pages),
        ),
    )
    return registry
