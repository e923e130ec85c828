"""The building blocks every app uses, written once (docs/architecture.md, "Shared building blocks"):

- ``storage``: private files under PRIVATE_STORAGE_ROOT, each write atomic and durable;
- ``catalogues``: the one loader of the versioned JSON catalogues (rules as data), checked at load;
- ``params``: integers, ids, dates, choices and versions read from a query string, a header or a path;
- ``ratelimit``: "at most n in any period" per key, in the shared cache;
- ``queue``: a Celery task queued by its name, a broker outage logged;
- ``mail``: every mail Korean first, English after;
- ``language`` and ``money``: the active language, KRW amounts in words and digits;
- ``demo_guard``: whether these settings allow demo data;
- ``appdiscovery``: each app's hook modules (``hooks``, ``demo``, ``bootstrap``), found by name.

Besides Django and each other, they use only ``portal.errors`` (params) and ``portal.celery`` (queue):
nothing of the apps, and nothing of portal's pages or API.
"""
