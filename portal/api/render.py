"""The API's JSON: every timestamp in the portal's time zone (Asia/Seoul, ``+09:00``).

Serializer fields already render timestamps in the current time zone; payloads built as dicts hand
raw (UTC) datetimes to the encoder, which would write them with ``Z``. Both are valid ISO 8601 with an
offset, but one API should not mix them.
"""

import datetime as dt

from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder


class LocalTimeJSONEncoder(JSONEncoder):
    def default(self, obj):
        if isinstance(obj, dt.datetime) and timezone.is_aware(obj):
            return timezone.localtime(obj).isoformat()
        return super().default(obj)


class LocalTimeJSONRenderer(JSONRenderer):
    encoder_class = LocalTimeJSONEncoder
