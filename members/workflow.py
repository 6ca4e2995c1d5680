"""Explicit state machines: each model declares its allowed transitions once.

An action that changes a status locks the row (``lock``), asks the model's ``Workflow`` to
``move`` it (which refuses a move the table does not allow with ``TransitionError``), saves,
and records the step. Pages show only ``allowed`` steps; the API answers 409 for a refused one.
"""

from dataclasses import dataclass

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext as _

NEW = ""  # the status of an object not yet saved: creating it is a transition too

# Sent by ``Workflow.move`` for every step (instance, step, source, target) before the caller
# saves; the audit log (members.audit.receivers) records it once the transaction commits.
transitioned = Signal()


class TransitionError(Exception):
    """The object's status does not allow this step (HTTP 409, a message on the page)."""


@dataclass(frozen=True)
class Transition:
    """One allowed move of a status, and who may make it (e.g. a side of a record)."""

    name: str
    sources: frozenset[str]
    target: str
    actor: str
    label: str


class Workflow:
    """The transition table of one model's ``status`` field."""

    def __init__(self, *transitions: Transition, field: str = "status"):
        self.transitions = {transition.name: transition for transition in transitions}
        self.field = field

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __contains__(self, name: str) -> bool:
        return name in self.transitions

    def get(self, name: str) -> Transition | None:
        return self.transitions.get(name)

    def allowed(self, status: str) -> list[Transition]:
        """The steps the table allows from ``status``, in declaration order."""
        return [t for t in self.transitions.values() if status in t.sources]

    def move(self, instance: models.Model, name: str) -> str:
        """Set the target status if the table allows the step; return the previous status."""
        transition = self.transitions[name]
        current = NEW if instance._state.adding else getattr(instance, self.field)
        if current not in transition.sources:
            raise TransitionError(
                _("This is now “%(status)s”; “%(step)s” is not possible.")
                % {"status": self.status_label(instance), "step": transition.label}
            )
        setattr(instance, self.field, transition.target)
        transitioned.send(
            type(instance), instance=instance, step=name, source=current, target=transition.target
        )
        return current

    def status_label(self, instance: models.Model) -> str:
        display = getattr(instance, f"get_{self.field}_display", None)
        return str(display()) if display else str(getattr(instance, self.field))


def lock(instance: models.Model, *related: str) -> models.Model:
    """Re-read the row under a lock (``SELECT … FOR UPDATE``) inside the caller's transaction."""
    rows = type(instance)._default_manager.select_for_update(of=("self",))
    return rows.select_related(*related).get(pk=instance.pk)
