"""Pages of service stations: the directory, a station, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.regions import region_name
from members.scoping import can_write, ensure_can_write, has_write_role
from members.web import ensure_writer, get_or_404
from services.stations import actions, selectors
from services.stations.forms import DirectoryFilter, StationForm

DIRECTORY_ROWS = 200


@login_required
def station_list(request):
    filters = DirectoryFilter(request.GET or None)
    stations = selectors.station_directory(user=request.user, **filters.chosen())
    rows = [(station, region_name(station.region_code)) for station in stations[:DIRECTORY_ROWS]]
    context = {"filters": filters, "rows": rows, "can_create": has_write_role(request.user)}
    return render(request, "services/stations/station_list.html", context)


@login_required
def station_detail(request, pk: int):
    station = get_or_404(selectors.station_get, user=request.user, pk=pk)
    context = {
        "station": station,
        "region": region_name(station.region_code),
        "open_cases": selectors.station_open_cases(user=request.user, station=station),
        "can_edit": can_write(request.user, station),
    }
    return render(request, "services/stations/station_detail.html", context)


@login_required
def station_create(request):
    ensure_writer(request.user)
    form = StationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        station = form.call(actions.station_create, actor=request.user, **data)
        if station is not None:
            messages.success(request, _("The service station was saved."))
            return redirect("services:stations:station_detail", station.pk)
    return render(request, "services/stations/station_form.html", {"form": form})


@login_required
def station_edit(request, pk: int):
    station = get_or_404(selectors.station_get, user=request.user, pk=pk)
    ensure_can_write(request.user, station)
    form = StationForm(request.POST or None, instance=station, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.call(
            actions.station_update, actor=request.user, station=station, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The service station was saved."))
            return redirect("services:stations:station_detail", station.pk)
    context = {"form": form, "station": station}
    return render(request, "services/stations/station_form.html", context)


@login_required
@require_POST
def station_close(request, pk: int):
    station = get_or_404(selectors.station_get, user=request.user, pk=pk)
    ensure_can_write(request.user, station)
    try:
        actions.station_close(actor=request.user, station=station)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The service station is closed."))
    return redirect("services:stations:station_detail", station.pk)
