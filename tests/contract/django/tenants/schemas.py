"""The original profile's tenancy: one SQLite database per Postgres schema.

The seed backend ran `SET search_path TO <schema>` at the start of every request, so each
tenant had its own copy of every table (users, departments, expenses, its own tenant row,
the token blacklist) with its own id sequences. Here each schema is a database alias
(`default` is `public`, `schema_<name>` a tenant's), and the router sends every query of the
request to the alias the host picked. An unknown host picks `nowhere`, a database without a
single table, so any query fails the way the original's search path "pointing nowhere" did.
"""

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

PUBLIC = "default"
NOWHERE = "nowhere"
_current = threading.local()


def alias_for(schema):
    return f"schema_{schema}"


def current_alias():
    return getattr(_current, "alias", PUBLIC)


@contextmanager
def use_schema(alias):
    """Runs the block with its queries on `alias` (the search path of this thread)."""
    previous = current_alias()
    _current.alias = alias
    try:
        yield
    finally:
        _current.alias = previous


class SearchPathRouter:
    """Every model, read or write, goes to the alias of the current request."""

    def db_for_read(self, model, **hints):
        return current_alias()

    def db_for_write(self, model, **hints):
        return current_alias()

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return True


def schema_path(schema):
    return Path(settings.SCHEMA_DIR) / f"{schema}.sqlite3"


def register_schema(schema):
    """Makes `schema_<schema>` a database alias (schemas made by POST tenants/ at run time)."""
    alias = alias_for(schema)
    if alias not in connections.databases:
        connections.databases[alias] = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(schema_path(schema)),
            "OPTIONS": {"timeout": 20},
        }
    return alias


def create_schema(schema):
    """`CREATE SCHEMA` + migrate: a copy of the migrated, empty blank schema."""
    target = schema_path(schema)
    target.parent.mkdir(parents=True, exist_ok=True)
    alias = register_schema(schema)
    connections[alias].close()
    src = sqlite3.connect(settings.BLANK_SCHEMA_DB)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return alias


def make_nowhere():
    """The database an unknown host's queries go to: an empty file."""
    path = Path(settings.NOWHERE_DB)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    sqlite3.connect(str(path)).close()


def public_domain():
    """Site 2's domain, read from public as the original did (`localhost`)."""
    from django.contrib.sites.models import Site

    return Site.objects.using(PUBLIC).get(id=2).domain


def schema_for_host(hostname):
    """'public' for the public domain, a tenant's schema for its subdomain, else None."""
    from .models import Tenant

    if hostname == public_domain():
        return "public"
    return dict(Tenant.objects.using(PUBLIC).values_list("subdomain", "schema")).get(hostname)


class SearchPathMiddleware:
    """The original's tenant middleware: the Host picks the schema, nothing else is checked
    (no JSON gate for inactive tenants or the public host, no tenant check on tokens)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        if request.path.startswith("/__fixture__/"):
            return self.get_response(request)
        hostname = request.get_host().split(":")[0].lower()
        schema = schema_for_host(hostname)
        if schema == "public":
            alias = PUBLIC
        elif schema is not None and schema_path(schema).is_file():
            alias = register_schema(schema)
        else:
            alias = NOWHERE
        with use_schema(alias):
            if alias not in (PUBLIC, NOWHERE):
                # The schema's own tenant row: what the domain views scope by (one row per
                # tenant schema, id 1 for the seeded ones).
                from .models import Tenant

                request.tenant = Tenant.objects.order_by("id").first()
            return self.get_response(request)
