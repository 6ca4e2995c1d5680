"""Skeleton: the export pages are written on the branch that builds the export jobs."""

from django.http import Http404


def job_list(request):
    raise Http404


def export_start(request, export):
    raise Http404


def job_detail(request, pk):
    raise Http404


def job_status(request, pk):
    raise Http404


def job_download(request, pk):
    raise Http404
