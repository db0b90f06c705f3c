from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import DepartmentViewSet, ExpenseViewSet

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("expenses", ExpenseViewSet, basename="expense")

urlpatterns = [path("", include(router.urls))]
