from django.shortcuts import get_object_or_404
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.status import HTTP_400_BAD_REQUEST, HTTP_403_FORBIDDEN
from rest_framework.views import APIView

from .models import Department, Tenant
from .serializers import DepartmentSerializer, TenantSerializer


class TenantInfoAPIView(APIView):
    """Looks an organization up by its code, for the login page. Public, any host."""

    permission_classes = [AllowAny]

    def post(self, request, **kwargs):
        if "tenant_id" not in request.data:
            return Response(
                {"detail": "Please pass tenant_id as a key in your request"},
                status=HTTP_400_BAD_REQUEST,
            )
        tenant = get_object_or_404(Tenant, tenant_id=request.data["tenant_id"])
        if not tenant.is_active:
            return Response(
                {
                    "detail": "It appears your organization is inactive, "
                    "please contact support to rectify this."
                },
                status=HTTP_403_FORBIDDEN,
            )
        return Response(
            {
                "name": tenant.name,
                "subdomain": tenant.subdomain,
                "organization_id": tenant.tenant_id,
            }
        )


class CurrentTenantAPIView(APIView):
    def get(self, request, **kwargs):
        return Response(TenantSerializer(request.tenant).data)


class TenantScopedViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, create, retrieve, update; no delete (the original had none)."""


class DepartmentViewSet(TenantScopedViewSet):
    serializer_class = DepartmentSerializer

    def get_queryset(self):
        return Department.objects.filter(organization=self.request.tenant)

    def perform_create(self, serializer):
        serializer.save(organization=self.request.tenant)

