"""The original's generic views: list/create and retrieve/update (no DELETE: a 405), plus the
two departmental lists. GET answers with the nesting serializers, writes with the id ones.

Original profile: the querysets are the whole table of the host's schema, and the departmental
budget list looks its department up with `.get()`, so an unknown department raises
DoesNotExist (a 500 page), as the original did. Hardened profile: one database for every
tenant, so each queryset is the host tenant's rows and an unknown (or another tenant's)
department is a 404.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from rest_framework import generics

from tenants.models import Department

from .models import Account, Budget, Expense
from .serializers import (
    AccountSerializer,
    BudgetDetailSerializer,
    BudgetSerializer,
    ExpenseDetailSerializer,
    ExpenseSerializer,
)

ORIGINAL = getattr(settings, "ORIGINAL", False)


class TenantRows:
    """`rows()` is the model's table in the original profile, the tenant's rows when hardened."""

    model = None
    tenant_lookup = None

    def rows(self):
        rows = self.model.objects.all()
        if ORIGINAL:
            return rows
        return rows.filter(**{self.tenant_lookup: self.request.tenant})

    def get_queryset(self):
        return self.rows()


class ReadNested:
    """GET answers with `read_serializer_class`, other methods with `serializer_class`."""

    read_serializer_class = None

    def get_serializer_class(self):
        if self.request.method == "GET":
            return self.read_serializer_class
        return self.serializer_class


class AccountRows(TenantRows):
    model = Account
    tenant_lookup = "organization"
    serializer_class = AccountSerializer


class AccountList(AccountRows, generics.ListCreateAPIView):
    def perform_create(self, serializer):
        serializer.save(organization=self.request.tenant)


class AccountDetail(AccountRows, generics.RetrieveUpdateAPIView):
    pass


class BudgetRows(TenantRows, ReadNested):
    model = Budget
    tenant_lookup = "department__organization"
    serializer_class = BudgetSerializer
    read_serializer_class = BudgetDetailSerializer

    def rows(self):
        return super().rows().select_related("department", "source")


class BudgetList(BudgetRows, generics.ListCreateAPIView):
    pass


class BudgetDetail(BudgetRows, generics.RetrieveUpdateAPIView):
    pass


class DepartmentBudgets(BudgetRows, generics.ListAPIView):
    serializer_class = BudgetDetailSerializer

    def get_queryset(self):
        department_id = self.kwargs["department_id"]
        if ORIGINAL:
            department = Department.objects.get(id=department_id)
        else:
            department = get_object_or_404(
                Department, id=department_id, organization=self.request.tenant
            )
        return self.rows().filter(department=department)


class ExpenseRows(TenantRows, ReadNested):
    model = Expense
    tenant_lookup = "budget__department__organization"
    serializer_class = ExpenseSerializer
    read_serializer_class = ExpenseDetailSerializer

    def rows(self):
        return super().rows().select_related("budget__department", "budget__source")


class ExpenseList(ExpenseRows, generics.ListCreateAPIView):
    pass


class ExpenseDetail(ExpenseRows, generics.RetrieveUpdateAPIView):
    pass


class DepartmentExpenses(ExpenseRows, generics.ListAPIView):
    serializer_class = ExpenseDetailSerializer

    def get_queryset(self):
        department_id = self.kwargs["department_id"]
        if not ORIGINAL:
            # unknown, or another tenant's: 404 (the original filtered: an empty list)
            get_object_or_404(Department, id=department_id, organization=self.request.tenant)
        return self.rows().filter(budget__department__id=department_id)
