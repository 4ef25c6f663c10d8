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


def when_ready(server):
    """Start the one export process (kaleido + Chromium) that every worker sends images to (callbacks/imaging.py).

    Runs in the master before the workers are forked, so they inherit the socket path.
    """
    from callbacks import imaging

    if os.environ.get(imaging.SOCKET_ENV):
        return
    process, path = imaging.start_process()
    os.environ[imaging.SOCKET_ENV] = path
    server.mieruka_export = (process, path)
    server.log.info("export process %s on %s", process.pid, path)


def on_exit(server):
    """Stop the export process with the master and remove its socket (also when it died before)."""
    import contextlib
    import shutil

    process, path = getattr(server, "mieruka_export", (None, None))
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except Exception:
            process.kill()
    if path:
        with contextlib.suppress(OSError):
            shutil.rmtree(os.path.dirname(path))
