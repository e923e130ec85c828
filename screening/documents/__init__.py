"""Checking an uploaded document before it is stored or served: a PDF, from its first byte, with no
active content."""
