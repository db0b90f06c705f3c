"""URLconf of the original profile: the seed backend's routes (its admin catch-all off)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from tenants.original_views import (
    DepartmentListCreateAPIView,
    DepartmentRetrieveUpdateAPIView,
    TenantListCreateAPIView,
)
from tenants.views import TenantInfoAPIView

urlpatterns = [
    path("api/v1/auth/", include("djoser.urls")),
    path("api/v1/auth/", include("djoser.urls.jwt")),
]
if settings.BLACKLIST:
    # Section C of the observed file: simplejwt's blacklist view routed.
    from rest_framework_simplejwt.views import TokenBlacklistView

    urlpatterns.append(
        path("api/v1/auth/jwt/blacklist/", TokenBlacklistView.as_view(), name="jwt-blacklist")
    )
urlpatterns += [
    # No tenants/current/ in the original: a 404 page.
    path("api/v1/tenants/", TenantListCreateAPIView.as_view(), name="tenants"),
    path("api/v1/tenants/info/", TenantInfoAPIView.as_view(), name="tenant-info"),
    # the original's generic views, as its urls had them (`<int:pk>`)
    path("api/v1/departments/", DepartmentListCreateAPIView.as_view(), name="departments"),
    path(
        "api/v1/departments/<int:pk>/",
        DepartmentRetrieveUpdateAPIView.as_view(),
        name="department",
    ),
    path("api/v1/", include("core.urls")),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]

if settings.FIXTURE_RESET:
    from .fixture_views import reset

    urlpatterns.append(path("__fixture__/reset/", reset, name="fixture-reset"))
