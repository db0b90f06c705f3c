from rest_framework import serializers

from .fields import TenantScopedPrimaryKeyRelatedField
from .models import Department, Tenant


class TenantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tenant
        fields = (
            "id",
            "name",
            "business_phone_number",
            "business_email",
            "is_active",
            "schema",
            "subdomain",
            "tenant_id",
            "created",
            "updated",
        )


class DepartmentSerializer(serializers.ModelSerializer):
    """The hardened profile's (contract §6): with the tenant, names unique per tenant."""

    class Meta:
        model = Department
        fields = ("id", "name", "organization", "created", "updated")
        read_only_fields = ("organization",)

    def validate_name(self, value):
        # Names are unique within a tenant (the original: unique in its schema).
        tenant = self.context["request"].tenant
        taken = Department.objects.filter(organization=tenant, name=value)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(
                "department with this name already exists.", code="unique"
            )
        return value



class OriginalDepartmentSerializer(DepartmentSerializer):
    """The original's `fields = '__all__'` over its Department: no organization on the wire
    (here the schema's own tenant row, set by the view). Names are unique in the schema."""

    class Meta(DepartmentSerializer.Meta):
        fields = ("id", "created", "updated", "name")
        read_only_fields = ()
