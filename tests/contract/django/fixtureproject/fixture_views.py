"""Test-only endpoint, mounted when FIXTURE_RESET=1. Not part of the contract."""

import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import connection
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


@csrf_exempt
@require_POST
def reset(request):
    """Restores the seeded database (SQLite's online backup from the template file),
    and empties the mail outbox and the uploaded media. Answers 204."""
    template = Path(settings.FIXTURE_TEMPLATE_DB)
    if not template.is_file():
        return JsonResponse({"detail": f"no template database at {template}"}, status=500)
    connection.ensure_connection()
    source = sqlite3.connect(str(template))
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    empty_folder(settings.EMAIL_FILE_PATH)
    empty_folder(settings.MEDIA_ROOT)
    return HttpResponse(status=204)
