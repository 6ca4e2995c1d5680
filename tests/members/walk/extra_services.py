"""The walk over the service chain's hub (its topics add ``extra_service_<topic>.py``)."""

from tests.members.walk.cases import ANY, NOTHING, PAGE, Case

LIST = {"GET": {ANY: 200}, "POST": {ANY: 200}}


def build(world) -> None:
    """The hub is about no object in particular."""


CASES = [Case(PAGE, "services:hub", LIST, (NOTHING,))]
