"""What the benchmarks share; not a benchmark itself (`make bench` runs the files bench/[!_]*.py, not
this folder). scratch: a database, folder and environment made for one run; processes: gunicorn,
Redis, waiting and CPU accounting; loadgen: the open-loop HTTP load; seed: the world the load runs
against and the requests it makes; faults: the fault sequence run during the load. A Celery worker
is started with portal.testing.processes, as the tests start theirs."""
