"""The education chain's demo: stories 4 and 5 (sample data only, not real people).

Loaded after the management chain's demo, which holds the tree, the members and the logins;
each topic's loader is idempotent, and they run in this order because a plan names the year's
lessons and classes.
"""

from django.db import transaction

from education.classes.demo import load_demo_classes
from education.lessons.demo import load_demo_lessons
from education.packages.demo import load_demo_packages
from education.plans.demo import load_demo_plans


@transaction.atomic
def load_demo() -> None:
    load_demo_lessons()
    load_demo_classes()
    load_demo_packages()
    load_demo_plans()
