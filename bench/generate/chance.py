"""Drawing from weighted choices, the one helper every generator shares."""

import random


def weighted(rng: random.Random, choices: list[tuple]):
    """One value of ``[(value, weight), ...]``, drawn in proportion to its weight."""
    return rng.choices([value for value, _ in choices], [weight for _, weight in choices])[0]
