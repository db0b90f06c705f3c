"""tenants/ and departments/ of the original profile: the tenant table of the current schema
(AllowAny), and the original's generic department views."""

import random

from django.contrib.sites.models import Site
from django.utils.text import slugify
from rest_framework import serializers
from rest_framework.generics import ListCreateAPIView, RetrieveUpdateAPIView
from rest_framework.permissions import AllowAny

from .models import Department, Tenant
from .schemas import create_schema, schema_path, use_schema
from .serializers import OriginalDepartmentSerializer, TenantSerializer


class OriginalTenantSerializer(TenantSerializer):
    # In the original model `schema` was a plain blank=True field (not unique, not required).
    schema = serializers.CharField(max_length=255, required=False, allow_blank=True)

    class Meta(TenantSerializer.Meta):
        pass


class TenantListCreateAPIView(ListCreateAPIView):
    """On a tenant host: that schema's own row; on the public host: every tenant.
    POST creates a tenant and its schema, as the original's pre/post_save signals did."""

    permission_classes = [AllowAny]
    serializer_class = OriginalTenantSerializer

    def get_queryset(self):
        return Tenant.objects.order_by("-created", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        # The public domain is Site 2, which only the public schema has: on a tenant host
        # this raises Site.DoesNotExist (a 500), as the original's signal did.
        domain = Site.objects.get(id=2).domain
        joined = data["name"].replace(" ", "").lower()
        extra = {}
        if not data.get("schema") and not data.get("subdomain"):
            extra = {"schema": joined, "subdomain": f"{joined}.{domain}"}
        if not data.get("tenant_id"):
            digits = "".join(random.choice("0123456789") for _ in range(4))
            extra["tenant_id"] = slugify(f"{joined[:3]} {digits}").upper()
        tenant = serializer.save(**extra)
        # CREATE SCHEMA + migrate, then the new schema's copy of its own row (always active).
        alias = create_schema(tenant.schema) if not schema_path(tenant.schema).is_file() else None
        with use_schema(alias or f"schema_{tenant.schema}"):
            Tenant.objects.create(
                name=tenant.name,
                business_email=tenant.business_email,
                business_phone_number=tenant.business_phone_number,
                subdomain=tenant.subdomain,
                schema=tenant.schema,
                tenant_id=tenant.tenant_id,
                is_active=True,
            )


class DepartmentRows:
    """The schema's departments, newest save first (the original's CommonInfo ordering)."""

    serializer_class = OriginalDepartmentSerializer

    def get_queryset(self):
        return Department.objects.order_by("-created")


class DepartmentListCreateAPIView(DepartmentRows, ListCreateAPIView):
    def perform_create(self, serializer):
        # not on the wire: the schema's own tenant row
        serializer.save(organization=self.request.tenant)


class DepartmentRetrieveUpdateAPIView(DepartmentRows, RetrieveUpdateAPIView):
    pass
