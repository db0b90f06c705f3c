from django.urls import include, path

from .views import CurrentTenantAPIView, TenantInfoAPIView

urlpatterns = [
    path("tenants/info/", TenantInfoAPIView.as_view(), name="tenant-info"),
    path("tenants/current/", CurrentTenantAPIView.as_view(), name="tenant-current"),
    path("", include("tenants.domain_urls")),
]
