"""The record's workflow steps as pages: one form per step that needs data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from members.mobility import actions
from members.mobility.forms import (
    EndForm,
    InflowChoice,
    ReasonForm,
    TakeInForm,
)
from members.mobility.models import MobileRecord
from members.mobility.views.records import ensure_step_or_back, record_or_404
from members.workflow import TransitionError

STEP_FORMS = {
    "return": ReasonForm,
    "take_in": TakeInForm,
    "end": EndForm,
    "assign_inflow": InflowChoice,
}


@login_required
def record_step(request, pk: int, step: str):
    """Carry out one transition; steps that need data show their form first."""
    record = record_or_404(request, pk)
    if step not in STEP_ACTIONS:
        raise Http404
    refused = ensure_step_or_back(request, record, step)
    if refused is not None:
        return refused
    form = _step_form(request, record, step)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            _run_step(request.user, record, step, form)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(record)
            form.add_action_error(error)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(record)
        else:
            messages.success(request, _step_done(record, step))
            return redirect("records:list") if step == "delete" else redirect(record)
    if form is None:
        return redirect(record)
    return render(
        request, "members/mobility/step.html", {"record": record, "form": form, "step": step}
    )


def _step_form(request, record: MobileRecord, step: str):
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        return None
    today = timezone.localdate()
    initial = {
        "inflow_date": today,
        "reported_on": today,
        "ended_on": today,
        "inflow_contact_person": request.user.get_full_name(),
    }
    kwargs = {"record": record} if form_class is TakeInForm else {}
    return form_class(request.POST or None, initial=initial, **kwargs)


def _step_done(record: MobileRecord, step: str) -> str:
    """What happened, for the message after the step."""
    done = {
        "submit": _("Submitted to the inflow organisation: %(name)s"),
        "resubmit": _("Resubmitted: %(name)s"),
        "return": _("Returned to the outflow side: %(name)s"),
        "take_in": _("Taken in: %(name)s"),
        "assign_inflow": _("Sent to the inflow organisation: %(name)s"),
        "end": _("Period away ended: %(name)s"),
        "delete": _("Draft deleted: %(name)s"),
    }[step]
    if step == "submit" and not (record.inflow_organization_id or record.inflow_external_id):
        done = _("Registered without an inflow organisation: %(name)s")
    return done % {"name": record.member.name}


STEP_ACTIONS = {
    "submit": actions.mobile_record_submit,
    "resubmit": actions.mobile_record_resubmit,
    "return": actions.mobile_record_return,
    "take_in": actions.mobile_record_take_in,
    "assign_inflow": actions.mobile_record_assign_inflow,
    "end": actions.mobile_record_end,
    "delete": actions.mobile_record_delete,
}


def _run_step(user, record: MobileRecord, step: str, form) -> None:
    # One transaction: an outside organisation named in the form is kept only if the step is.
    with transaction.atomic():
        fields = form.action_fields() if form is not None else {}
        STEP_ACTIONS[step](actor=user, record=record, **fields)
