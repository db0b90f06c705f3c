"""Seeds the demo data of backend-contract.md §1.2 into an empty, migrated database, with the
original's domain (accounts, budgets, expenses: core/seed.py) for acme and globex."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.seed import seed_domain
from tenants.models import Department, Tenant

TENANTS = [
    # id, name, schema, tenant_id, is_active
    (1, "Acme Corporation", "acme", "ACM-1001", True),
    (2, "Globex Corporation", "globex", "GLO-1002", True),
    (3, "Initech", "initech", "INI-1003", False),
]
DEPARTMENTS = [(1, "Finance", 1), (2, "Engineering", 1), (3, "Finance", 2), (4, "Marketing", 2)]
USERS = [
    # id, email, password, first, last, role, is_staff, employee_id, department, tenant
    (1, "admin@acme.test", "acme-admin-pass-1", "Ada", "Admin", "Admin", True, "ACM-E001", 1, 1),
    (2, "staff@acme.test", "acme-staff-pass-1", "Sam", "Staff", "Staff", False, "ACM-E002", 2, 1),
    (3, "admin@globex.test", "globex-admin-pass-1", "Gina", "Admin", "Admin", True, "GLO-E001", 3, 2),
    (4, "staff@globex.test", "globex-staff-pass-1", "Hank", "Staff", "Staff", False, "GLO-E002", 4, 2),
]


class Command(BaseCommand):
    help = "Seed the demo tenants, users, departments, accounts, budgets and expenses."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        if Tenant.objects.exists() or User.objects.exists():
            raise CommandError("the database is not empty; seed a freshly migrated one")
        for pk, name, schema, code, active in TENANTS:
            Tenant.objects.create(
                pk=pk,
                name=name,
                business_phone_number="+254700000000",
                business_email=f"info@{schema}.test",
                is_active=active,
                schema=schema,
                subdomain=f"{schema}.localhost",
                tenant_id=code,
            )
        for pk, name, tenant in DEPARTMENTS:
            Department.objects.create(pk=pk, name=name, organization_id=tenant)
        for pk, email, password, first, last, role, staff, emp, dept, tenant in USERS:
            User.objects.create_user(
                email=email,
                password=password,
                id=pk,
                first_name=first,
                last_name=last,
                role=role,
                is_staff=staff,
                employee_id=emp,
                department_id=dept,
                organization_id=tenant,
            )
        # One database for every tenant: ids run on across tenants (acme's first).
        for pk, _name, schema, _code, active in TENANTS:
            if active:
                tenant = Tenant.objects.get(pk=pk)
                departments = {d.name: d for d in tenant.departments.all()}
                seed_domain(schema, tenant, departments)
        if options["verbosity"]:
            self.stdout.write("seeded 3 tenants, 4 users, 4 departments, 2 accounts")
