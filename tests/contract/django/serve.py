#!/usr/bin/python3
"""Prepare a fresh seeded database and serve the fixture on 127.0.0.1.

    /usr/bin/python3 serve.py [--port N]      (N=0, the default, lets the OS pick a free port)

Steps: migrate + seed a new SQLite file in $DJANGO_STATE_DIR (reusing a cached seeded
template when the project files have not changed), keep a copy as the reset template,
then serve with Django's own threaded development server classes (what runserver
uses, without the autoreloader). Once it listens it prints `LISTENING <port>` on
stdout and writes the port to $DJANGO_STATE_DIR/port.
"""

import argparse
import hashlib
import os
import signal
import socket
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fixtureproject.settings")
if not os.environ.get("DJANGO_STATE_DIR"):
    os.environ["DJANGO_STATE_DIR"] = tempfile.mkdtemp(prefix="django-fixture-")


def project_fingerprint():
    """Hash of every file that shapes the seeded database, plus the library versions."""
    import django
    import rest_framework_simplejwt

    digest = hashlib.sha256(f"{django.__version__} {sys.version}".encode())
    digest.update(str(Path(rest_framework_simplejwt.__file__).parent).encode())
    for path in sorted(HERE.rglob("*.py")):
        if "__pycache__" in path.parts or ".venv" in path.parts:
            continue
        digest.update(str(path.relative_to(HERE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def copy_sqlite(source, target):
    """Copy a SQLite database consistently (online backup API)."""
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def prepare_database(settings):
    """Leave a freshly seeded database at DB_PATH and a copy at FIXTURE_TEMPLATE_DB."""
    from django.core.management import call_command
    from django.db import connections

    db_path = Path(settings.DATABASES["default"]["NAME"])
    template = Path(settings.FIXTURE_TEMPLATE_DB)
    cache_dir = Path(os.environ.get("DJANGO_FIXTURE_CACHE") or Path(tempfile.gettempdir()))
    cached = cache_dir / f"django-contract-fixture-seed-{project_fingerprint()}.sqlite3"

    for path in (db_path, template):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)

    if cached.is_file():
        copy_sqlite(cached, db_path)
    else:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", verbosity=0)
        connections.close_all()
        # Publish the cache atomically: concurrent starts may race to build it.
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=cache_dir, suffix=".partial")
        os.close(fd)
        copy_sqlite(db_path, partial)
        os.replace(partial, cached)
    copy_sqlite(db_path, template)
    connections.close_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("DJANGO_PORT") or 0))
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    prepare_database(settings)
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    Path(settings.EMAIL_FILE_PATH).mkdir(parents=True, exist_ok=True)

    class NoDelayRequestHandler(WSGIRequestHandler):
        # wsgiref writes the status/headers and the body in separate send() calls. With Nagle's
        # algorithm on, the body then waits for the client's delayed ACK: about 40 ms per
        # response on Linux. TCP_NODELAY removes that stall; the bytes on the wire are the same.
        def setup(self):
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    server = ThreadedWSGIServer(("127.0.0.1", args.port), NoDelayRequestHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    port = server.server_address[1]

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    state = Path(settings.STATE_DIR)
    (state / "port").write_text(f"{port}\n")
    print(f"LISTENING {port}", flush=True)
    print(f"state dir {state}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
