"""The page django-axes shows instead of the login form while a username and address are locked out."""

import math

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    # axes hands the template an ISO 8601 duration; a reader wants minutes.
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes,
               "title": "登录已暂时锁定"}
    return render(request, "registration/locked_out.html", context, status=429)
