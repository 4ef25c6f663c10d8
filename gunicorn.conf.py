"""gunicorn settings: sync workers, data loaded and validated once before forking, recycled workers."""

import os

bind = os.environ.get("MIERUKA_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("MIERUKA_WORKERS", "2"))
worker_class = "sync"
preload_app = True  # load + validate the data once in the master; invalid data stops the start
control_socket_disable = True  # no ~/.gunicorn control socket (several instances may run side by side)
max_requests = 2000
max_requests_jitter = 200
timeout = 30
graceful_timeout = 20
accesslog = os.environ.get("MIERUKA_ACCESS_LOG", "-")
errorlog = "-"
