"""Gunicorn settings for Bluelamp behind a reverse proxy (docs/deploy.md).

    gunicorn -c deploy/gunicorn.conf.py bluelamp.config.wsgi

Each value can be overridden on the command line or with GUNICORN_CMD_ARGS."""

import multiprocessing
import os

bind = os.environ.get("BLUELAMP_BIND", "127.0.0.1:8000")
# The live check is CPU-bound: one worker per core, each with a few threads for the requests
# that wait on the database or a platform.
workers = int(os.environ.get("BLUELAMP_WEB_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("BLUELAMP_WEB_THREADS", 4))
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests, spread so that they do not all restart at once.
max_requests = 5000
max_requests_jitter = 500
forwarded_allow_ips = os.environ.get("BLUELAMP_PROXY_IPS", "127.0.0.1")
# The path without its query string (%(U)s): search words typed into the archive never reach
# the access log.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss %({x-request-id}o)s'


def child_exit(server, worker):
    # With several workers, request metrics live in files under PROMETHEUS_MULTIPROC_DIR; a
    # worker that exits must be marked so its live gauges are dropped.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
