"""What the tests and the benchmarks need to run the portal's real processes (a Celery worker, the
environment it reads). The portal itself never imports this package; it needs nothing beyond the
portal's own dependencies, so a benchmark can use it without the test requirements."""
