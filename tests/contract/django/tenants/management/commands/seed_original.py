"""Seeds the original profile: the demo people of seed_demo, laid out one schema per tenant.

public holds Site 2 (the public domain) and every tenant row; each tenant's schema holds its
own tenant row (id 1, active, as the original's post_save wrote it), and its departments,
users, account, budgets and expenses (core/seed.py) with ids from 1, as Postgres sequences per
schema gave them.
"""

from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand, CommandError

from core.seed import DOMAIN, seed_domain
from tenants.models import Department, Tenant
from tenants.schemas import PUBLIC, alias_for, use_schema

from .seed_demo import DEPARTMENTS, TENANTS, USERS


def tenant_fields(name, schema, code, active):
    return {
        "name": name,
        "business_phone_number": "+254700000000",
        "business_email": f"info@{schema}.test",
        "is_active": active,
        "schema": schema,
        "subdomain": f"{schema}.localhost",
        "tenant_id": code,
    }


class Command(BaseCommand):
    help = "Seed the original profile's public and tenant schemas (migrated, empty)."

    def handle(self, *args, **options):
        User = get_user_model()
        with use_schema(PUBLIC):
            if Tenant.objects.exists():
                raise CommandError("public is not empty; seed freshly migrated schemas")
            Site.objects.update_or_create(id=2, defaults={"domain": "localhost", "name": "Budgeting"})
            for pk, name, schema, code, active in TENANTS:
                Tenant.objects.create(pk=pk, **tenant_fields(name, schema, code, active))

        for tenant_pk, name, schema, code, active in TENANTS:
            # ids restart at 1 in each schema, in the order of the hardened seed
            dept_ids = {}
            user_ids = {}
            with use_schema(alias_for(schema)):
                Tenant.objects.create(pk=1, **tenant_fields(name, schema, code, True))
                for old, dept_name, tenant in DEPARTMENTS:
                    if tenant == tenant_pk:
                        dept_ids[old] = len(dept_ids) + 1
                        Department.objects.create(
                            pk=dept_ids[old], name=dept_name, organization_id=1
                        )
                for old, email, password, first, last, role, staff, emp, dept, tenant in USERS:
                    if tenant == tenant_pk:
                        user_ids[old] = len(user_ids) + 1
                        User.objects.create_user(
                            email=email,
                            password=password,
                            id=user_ids[old],
                            first_name=first,
                            last_name=last,
                            role=role,
                            is_staff=staff,
                            employee_id=emp,
                            department_id=dept_ids[dept],
                            organization_id=1,
                        )
                if schema in DOMAIN:
                    own = Tenant.objects.get(pk=1)
                    seed_domain(schema, own, {d.name: d for d in Department.objects.all()})
