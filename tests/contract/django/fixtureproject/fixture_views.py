"""Test-only endpoint, mounted when FIXTURE_RESET=1. Not part of the contract."""

import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def empty_folder(folder):
    folder = Path(folder)
    if folder.is_dir():
        for child in folder.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)


def drop_new_schemas():
    if not getattr(settings, "ORIGINAL", False):
        return
    keep = {f"{schema}.sqlite3" for schema in settings.SEED_SCHEMAS}
    keep |= {Path(settings.BLANK_SCHEMA_DB).name, Path(settings.NOWHERE_DB).name}
    for path in Path(settings.SCHEMA_DIR).glob("*.sqlite3"):
        if path.name not in keep:
            alias = f"schema_{path.stem}"
            if alias in connections.databases:
                connections[alias].close()
            path.unlink(missing_ok=True)


@csrf_exempt
@require_POST
def reset(request):
    """Restores every seeded database (SQLite's online backup from its template file:
    one in the hardened profile, public and each tenant schema in the original), and
    empties the mail outbox and the uploaded media. Answers 204.

    Schemas made by POST tenants/ since the seed are dropped."""
    for alias, template in settings.FIXTURE_DATABASES.items():
        if not Path(template).is_file():
            return JsonResponse({"detail": f"no template database at {template}"}, status=500)
        connection = connections[alias]
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    drop_new_schemas()
    empty_folder(settings.EMAIL_FILE_PATH)
    empty_folder(settings.MEDIA_ROOT)
    return HttpResponse(status=204)
