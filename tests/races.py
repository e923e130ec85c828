"""Races with real threads: calls released together by a barrier, each on its own database connection."""

import threading

from django.db import connection
from django.utils import translation

from portal.errors import PortalError


def race(*calls) -> list:
    """Run the calls in threads released together; return each one's result, or the PortalError it raised
    (in English: the language is per thread)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                results[index] = call()
        except PortalError as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
