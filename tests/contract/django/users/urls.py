from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import TenantUserViewSet

# The routes of djoser.urls, with the tenant-scoped viewset.
router = DefaultRouter()
router.register("users", TenantUserViewSet)

urlpatterns = [
    path("", include(router.urls)),
]
