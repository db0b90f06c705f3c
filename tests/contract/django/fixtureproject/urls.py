from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from rest_framework_simplejwt.views import TokenBlacklistView

urlpatterns = [
    path("api/v1/auth/", include("users.urls")),  # djoser.urls' routes, tenant-scoped
    path("api/v1/auth/", include("djoser.urls.jwt")),
    # Contract §12: simplejwt's own revoking logout.
    path("api/v1/auth/jwt/blacklist/", TokenBlacklistView.as_view(), name="jwt-blacklist"),
    path("api/v1/", include("tenants.urls")),
    # DEBUG is off, so serve uploaded photos explicitly (django.conf.urls.static would not).
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]

if settings.FIXTURE_RESET:
    from .fixture_views import reset

    urlpatterns.append(path("__fixture__/reset/", reset, name="fixture-reset"))
