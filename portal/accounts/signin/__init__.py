"""Signing in, on the web and through the API (docs/security.md):

- ``authentication``: the API's token and session authentication classes, and the tokens' lifetime;
- ``second_factor``: who owes a second factor and whether this session has given it (a leaf);
- ``mfa``: enrolling, verifying and removing the second factor (TOTP and backup codes);
- ``lockout``: the per-account login throttle (django-axes) and its 429;
- ``sessions``: who owns which session, their idle and absolute limits, ending them all;
- ``password_reset``: a reset by e-mail, rate-limited, telling no one whether an address has an account;
- ``middleware``: the session limits and the second-factor gate in front of every page.

DRF imports ``authentication`` while it is itself being imported, so this package's ``__init__``
imports nothing.
"""
