from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import CurrentTenantAPIView, DepartmentViewSet, ExpenseViewSet, TenantInfoAPIView

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("expenses", ExpenseViewSet, basename="expense")

urlpatterns = [
    path("tenants/info/", TenantInfoAPIView.as_view(), name="tenant-info"),
    path("tenants/current/", CurrentTenantAPIView.as_view(), name="tenant-current"),
    path("", include(router.urls)),
]
