"""Web pages of letters: the public verification (``verification.py``, no login) and the signed-in
pages of issued letters (``letters.py``: the list and the PDF)."""
