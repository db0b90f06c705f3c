from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import DepartmentViewSet

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")

urlpatterns = [path("", include(router.urls)), path("", include("core.urls"))]
