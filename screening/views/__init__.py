"""Web pages of screening. Thin: they read through selectors, write through services, ask rules.py."""
