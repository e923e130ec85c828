"""Login sessions: who owns which session, their idle and absolute limits, and ending them all at once.

Django rotates the session key at every login (``login()`` calls ``cycle_key``); the receivers here
note the new key against the user and stamp the login time that the absolute lifetime counts from.
"""

import datetime as dt
import time
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from portal.accounts.models import User, UserSession

AUTH_AT_KEY = "_portal_auth_at"
LAST_SEEN_KEY = "_portal_last_seen"
# The idle clock is refreshed at most this often, so that reading pages does not write the session each time.
LAST_SEEN_GRANULARITY = 60


def end_all_sessions(user: User) -> int:
    """Delete every session and API token of ``user``. Idempotent; a few indexed queries per user.

    Returns the number of sessions ended."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):  # database-backed sessions: one statement
        store.get_model_class().objects.filter(session_key__in=keys).delete()
    if not settings.SESSION_ENGINE.endswith(".db"):  # cache or cached_db: clear each cache entry too
        for key in keys:
            store().delete(key)
    UserSession.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    return len(keys)


def expired(session, now: float | None = None) -> bool:
    """Whether an authenticated session has passed its idle timeout or its absolute lifetime."""
    now = time.time() if now is None else now
    started = session.get(AUTH_AT_KEY)
    last_seen = session.get(LAST_SEEN_KEY, started)
    if started is not None and now - started > settings.SESSION_COOKIE_AGE:
        return True
    return last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT


def touch(session, now: float | None = None) -> None:
    """Record activity (at most once per LAST_SEEN_GRANULARITY seconds)."""
    now = int(time.time() if now is None else now)
    if AUTH_AT_KEY not in session:
        # A session from before these limits existed: its lifetime starts now.
        session[AUTH_AT_KEY] = now
    if now - session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_GRANULARITY:
        session[LAST_SEEN_KEY] = now


# --- signal receivers (connected in portal/accounts/apps.py) -----------------------------------


def on_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[AUTH_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    if request.session.session_key is None:
        request.session.save()
    # Rows of sessions that have certainly expired by now are of no further use.
    UserSession.objects.filter(
        user=user, created_at__lt=timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    ).delete()
    UserSession.objects.update_or_create(session_key=request.session.session_key, defaults={"user": user})


def on_logged_out(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    """A user made inactive by any path (the admin, a service, a shell) loses its sessions and tokens."""
    if created or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    end_all_sessions(instance)


def rotate_session_key(request) -> None:
    """A new session key for the same data (after a second factor), keeping the owner mapping right."""
    old_key = request.session.session_key
    request.session.cycle_key()
    if old_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)
