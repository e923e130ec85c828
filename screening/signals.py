"""What screening announces to the apps above it. Receivers live in those apps' ``receivers.py``.

``application_transitioned`` is sent once the transaction that fired a transition has committed
(never for one that rolled back), with ``application_id``, ``transition`` (its name), ``source`` and
``target`` (states). Letters queues a letter on ``approve`` and records a revocation on ``revoke``:
screening names no app above it, at module level or inside a function.
"""

from django.dispatch import Signal

application_transitioned = Signal()
