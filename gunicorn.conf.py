"""gunicorn settings: threaded workers, data loaded and validated once before forking, recycled workers.

Threaded (``gthread``) workers: a client that sends its request or reads its answer slowly holds one thread, not a
whole worker, so a few slow (or deliberately trickling) connections cannot stop the site. Sync workers would need a
buffering proxy in front (gunicorn's own advice); the default serve command and the container expose gunicorn
directly. ``bench/SLOW_CLIENTS.md`` has the measurements. Renders (images, PDFs) are bounded separately
(``web/renderqueue.py``), so threads waiting on Chromium cannot pile up either.
"""

import os

bind = os.environ.get("MIERUKA_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("MIERUKA_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("MIERUKA_THREADS", "8"))
keepalive = 5  # seconds an idle keep-alive connection may hold its place (it does not hold a thread meanwhile)
preload_app = True  # load + validate the data once in the master; invalid data stops the start
control_socket_disable = True  # no ~/.gunicorn control socket (several instances may run side by side)
max_requests = 2000
max_requests_jitter = 200
timeout = 60  # a worker whose main loop is silent this long is replaced (a long render runs in a thread)
graceful_timeout = 20
accesslog = os.environ.get("MIERUKA_ACCESS_LOG", "-")
errorlog = "-"


def when_ready(server):
    """Start the one export process (kaleido + Chromium) that every worker sends images to (web/imaging.py).

    Runs in the master before the workers are forked, so they inherit the socket path.
    """
    from web import imaging

    if os.environ.get(imaging.SOCKET_ENV):
        return
    if not imaging.available():
        server.log.warning(
            "Chromium がないため図と資料の書き出しは使えません（サイトは表示します）/ "
            "Chromium is missing: figure and handout exports are off (the site is served)"
        )
        return
    process, path = imaging.start_process()
    os.environ[imaging.SOCKET_ENV] = path
    server.mieruka_export = (process, path)
    server.log.info("export process %s on %s", process.pid, path)


def post_worker_init(worker):
    """Send the app's log lines to gunicorn's error log; start the background renders (web/prerender.py).

    One worker of the machine makes the canonical handouts and print images after start.
    """
    import logging

    from web import prerender

    app_log = logging.getLogger("mieruka")
    app_log.handlers = list(worker.log.error_log.handlers)
    app_log.setLevel(logging.INFO)
    app_log.propagate = False

    if prerender.start():
        worker.log.info("pre-rendering the canonical views in the background")


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
