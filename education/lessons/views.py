"""Pages of lessons: the list with counts, a draft's form and files, publishing, reminding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from education.lessons import actions, selectors
from education.lessons.forms import AttachmentForm, LessonForm, PublishForm
from education.lessons.models import Lesson
from education.pages import list_page, writable_or_404
from members.api_fields import query_id
from members.scoping import can_write
from members.web import ensure_writer, get_or_404
from members.workflow import TransitionError

UNOPENED_PAGE = 50


def _lesson_or_404(request, pk: int) -> Lesson:
    return get_or_404(selectors.lesson_get, user=request.user, pk=pk)


def _writable_lesson(request, pk: int) -> Lesson:
    return writable_or_404(selectors.lesson_get, request, pk)


def _detail_url(lesson: Lesson) -> str:
    return reverse("education:lessons:lesson_detail", args=[lesson.pk])


@login_required
def lesson_list(request):
    return list_page(request, selectors.lesson_list, "education/lessons/lesson_list.html")


@login_required
def lesson_create(request):
    ensure_writer(request.user)
    form = LessonForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        lesson = form.create(actions.lesson_create, actor=request.user)
        if lesson is not None:
            messages.success(request, _("The draft was saved; add files, then publish it."))
            return redirect(_detail_url(lesson))
    return render(request, "education/lessons/lesson_form.html", {"form": form, "lesson": None})


@login_required
def lesson_edit(request, pk: int):
    lesson = _writable_lesson(request, pk)
    if lesson.status != Lesson.Status.DRAFT:
        messages.error(request, _("Only a draft can be changed; this lesson was published."))
        return redirect(_detail_url(lesson))
    form = LessonForm(
        request.POST or None, request.FILES or None, user=request.user, instance=lesson
    )
    if request.method == "POST" and form.is_valid():
        fields = form.action_fields()
        if form.call(actions.lesson_update, actor=request.user, lesson=lesson, **fields):
            messages.success(request, _("Changes saved."))
            return redirect(_detail_url(lesson))
    return render(request, "education/lessons/lesson_form.html", {"form": form, "lesson": lesson})


@login_required
def lesson_detail(request, pk: int):
    """The lesson, its counts and who has not opened it; its writers get the steps."""
    lesson = _lesson_or_404(request, pk)
    writable = can_write(request.user, lesson)
    counts = selectors.delivery_counts([lesson.pk]).get(lesson.pk, (0, 0, 0))
    context = {
        "lesson": lesson,
        "can_write": writable,
        "steps": actions.lesson_steps(request.user, lesson, writable=writable),
        "counts": dict(zip(("sent", "opened", "completed"), counts, strict=True)),
        "attachments": lesson.attachments.all(),
        "attachment_form": AttachmentForm(),
        "publish_form": PublishForm(user=request.user) if writable else None,
        "page": selectors.unopened_page(
            user=request.user,
            lesson=lesson,
            cursor=request.GET.get("cursor", ""),
            size=UNOPENED_PAGE,
        ),
        "query": "",
    }
    return render(request, "education/lessons/lesson_detail.html", context)


@login_required
@require_POST
def attachment_add(request, pk: int):
    lesson = _writable_lesson(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
    else:
        _run(
            request,
            actions.lesson_attachment_add,
            _("Attached."),
            lesson=lesson,
            upload=form.cleaned_data["file"],
        )
    return redirect(_detail_url(lesson) + "#attachments")


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    lesson = _writable_lesson(request, pk)
    attachment = get_or_404(lesson.attachments.get, pk=attachment_pk)
    _run(request, actions.lesson_attachment_remove, _("Removed."), attachment=attachment)
    return redirect(_detail_url(lesson) + "#attachments")


@login_required
@require_POST
def lesson_publish(request, pk: int):
    lesson = _writable_lesson(request, pk)
    form = PublishForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose the members to send the lesson to."))
        return redirect(_detail_url(lesson))
    try:
        count = actions.lesson_publish(actor=request.user, lesson=lesson, audience=form.audience())
    except (TransitionError, PermissionDenied) as error:
        messages.error(request, str(error) or _("You may not send to these members."))
    else:
        messages.success(request, _("Published to %(count)d members.") % {"count": count})
    return redirect(_detail_url(lesson))


@login_required
@require_POST
def lesson_withdraw(request, pk: int):
    lesson = _writable_lesson(request, pk)
    _run(request, actions.lesson_withdraw, _("The lesson was withdrawn."), lesson=lesson)
    return redirect(_detail_url(lesson))


@login_required
@require_POST
def lesson_remind(request, pk: int):
    """Remind the chosen members (``member``), or, with ``all``, everyone not yet reading."""
    lesson = _writable_lesson(request, pk)
    chosen = [pk for v in request.POST.getlist("member") if (pk := query_id(v)) is not None]
    member_ids = None if "all" in request.POST else chosen
    try:
        count = actions.lesson_remind(actor=request.user, lesson=lesson, member_ids=member_ids)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)d reminders queued (members reminded today are not reminded again).")
            % {"count": count},
        )
    return redirect(_detail_url(lesson) + "#unopened")


def _run(request, action, done: str, **kwargs) -> None:
    """Call an action; tell the user it was done, or why not."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
