#!/usr/bin/python3
"""Prepare a fresh seeded database and serve the fixture on 127.0.0.1.

    /usr/bin/python3 serve.py [--port N]      (N=0, the default, lets the OS pick a free port)
    /usr/bin/python3 serve.py --prepare-only  (the database only, for another WSGI server)

Steps: migrate + seed a new SQLite file in $DJANGO_STATE_DIR (reusing a cached seeded
template when the project files have not changed), keep a copy as the reset template,
then serve with Django's own threaded development server classes (what runserver
uses, without the autoreloader). Once it listens it prints `LISTENING <port>` on
stdout and writes the port to $DJANGO_STATE_DIR/port. With --prepare-only it prints
`PREPARED` and exits once the database is ready, so a WSGI server such as gunicorn can serve
`fixtureproject.wsgi` over the same state dir (fixture.mjs: `startDjango({ server: 'gunicorn' })`).
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
    """Hash of every file that shapes the seeded databases, the library versions, the
    settings that change the tables (profile, token blacklist app), and today's date (the
    seeded budgets are for the current and previous month, core/seed.py)."""
    import django
    import rest_framework_simplejwt
    from django.conf import settings
    from django.utils import timezone

    digest = hashlib.sha256(f"{django.__version__} {sys.version}".encode())
    digest.update(str(Path(rest_framework_simplejwt.__file__).parent).encode())
    digest.update(f"{settings.PROFILE} {getattr(settings, 'BLACKLIST', '')}".encode())
    digest.update(timezone.localdate().isoformat().encode())
    for path in sorted(HERE.rglob("*.py")):
        if "__pycache__" in path.parts or ".venv" in path.parts:
            continue
        digest.update(str(path.relative_to(HERE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def copy_sqlite(source, target):
    """Copy a SQLite database consistently (online backup API)."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def seeded_files(settings):
    """name -> live file of every database the seed writes."""
    files = {alias: settings.DATABASES[alias]["NAME"] for alias in settings.FIXTURE_DATABASES}
    if settings.ORIGINAL:
        files["blank"] = settings.BLANK_SCHEMA_DB
    return files


def build_seed(settings):
    """Migrate and seed the live files from nothing."""
    from django.core.management import call_command
    from django.db import connections

    if not settings.ORIGINAL:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", verbosity=0)
        return
    from tenants.schemas import PUBLIC, alias_for

    # One migrate: every schema starts as a copy of the same migrated, empty database.
    call_command("migrate", database=PUBLIC, interactive=False, verbosity=0)
    connections.close_all()
    copy_sqlite(settings.DATABASES[PUBLIC]["NAME"], settings.BLANK_SCHEMA_DB)
    for schema in settings.SEED_SCHEMAS:
        copy_sqlite(settings.BLANK_SCHEMA_DB, settings.DATABASES[alias_for(schema)]["NAME"])
    call_command("seed_original", verbosity=0)


def prepare_database(settings):
    """Leave freshly seeded databases at their live paths and copies as reset templates."""
    from django.db import connections

    cache_dir = Path(os.environ.get("DJANGO_FIXTURE_CACHE") or Path(tempfile.gettempdir()))
    key = project_fingerprint()
    files = seeded_files(settings)
    cached = {
        name: cache_dir / f"django-contract-fixture-seed-{key}-{name}.sqlite3" for name in files
    }
    for path in [*files.values(), *settings.FIXTURE_DATABASES.values()]:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).unlink(missing_ok=True)

    if all(path.is_file() for path in cached.values()):
        for name, live in files.items():
            copy_sqlite(cached[name], live)
    else:
        build_seed(settings)
        connections.close_all()
        # Publish the cache atomically: concurrent starts may race to build it. The
        # template-set counts as cached once its last file (written last) is there.
        cache_dir.mkdir(parents=True, exist_ok=True)
        for name, live in files.items():
            fd, partial = tempfile.mkstemp(dir=cache_dir, suffix=".partial")
            os.close(fd)
            copy_sqlite(live, partial)
            os.replace(partial, cached[name])
    for alias, template in settings.FIXTURE_DATABASES.items():
        copy_sqlite(settings.DATABASES[alias]["NAME"], template)
    if settings.ORIGINAL:
        from tenants.schemas import make_nowhere

        make_nowhere()
    connections.close_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("DJANGO_PORT") or 0))
    parser.add_argument("--prepare-only", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    prepare_database(settings)
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    Path(settings.EMAIL_FILE_PATH).mkdir(parents=True, exist_ok=True)
    if args.prepare_only:
        print("PREPARED", flush=True)
        return

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
