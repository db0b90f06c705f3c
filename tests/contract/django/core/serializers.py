"""Write serializers take ids; read serializers nest, as the original's pairs did.

Field order is the one DRF gives a ModelSerializer with `fields = '__all__'` over the original's
models: the primary key, then declared fields, then plain model fields, then relations. It is
spelled out here because `Account.organization` must stay off the wire.

The related fields only accept the host tenant's rows in the hardened profile (one shared
database); in the original profile the schema holds only its own rows, so plain primary-key
fields behave the same way there.
"""

from django.conf import settings
from rest_framework import serializers

from tenants.fields import TenantScopedPrimaryKeyRelatedField
from tenants.models import Department
from tenants.serializers import DepartmentSerializer, OriginalDepartmentSerializer

from .models import Account, Budget, Expense

ORIGINAL = getattr(settings, "ORIGINAL", False)


def related(queryset, tenant_lookup):
    if ORIGINAL:
        return serializers.PrimaryKeyRelatedField(queryset=queryset)
    return TenantScopedPrimaryKeyRelatedField(queryset=queryset, tenant_lookup=tenant_lookup)


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ("id", "created", "updated", "name", "amount")


class BudgetSerializer(serializers.ModelSerializer):
    department = related(Department.objects.all(), "organization")
    source = related(Account.objects.all(), "organization")

    class Meta:
        model = Budget
        fields = ("id", "created", "updated", "month", "year", "amount", "department", "source")


class BudgetDetailSerializer(serializers.ModelSerializer):
    # the departments/ serializer of the profile
    department = (OriginalDepartmentSerializer if ORIGINAL else DepartmentSerializer)(read_only=True)
    month = serializers.CharField(source="get_month_display", read_only=True)
    source = AccountSerializer(read_only=True)

    class Meta:
        model = Budget
        fields = ("id", "department", "month", "source", "created", "updated", "year", "amount")


class ExpenseSerializer(serializers.ModelSerializer):
    budget = related(Budget.objects.all(), "department__organization")

    class Meta:
        model = Expense
        fields = ("id", "created", "updated", "date", "use", "amount", "budget")


class ExpenseDetailSerializer(serializers.ModelSerializer):
    budget = BudgetDetailSerializer(read_only=True)

    class Meta:
        model = Expense
        fields = ("id", "budget", "created", "updated", "date", "use", "amount")
