from django.urls import path

from . import views

urlpatterns = [
    path("accounts/", views.AccountList.as_view(), name="accounts"),
    path("accounts/<int:pk>/", views.AccountDetail.as_view(), name="account"),
    path("budgets/", views.BudgetList.as_view(), name="budgets"),
    path("budgets/<int:pk>/", views.BudgetDetail.as_view(), name="budget"),
    path(
        "budgets/department/<int:department_id>/",
        views.DepartmentBudgets.as_view(),
        name="department-budgets",
    ),
    path("expenses/", views.ExpenseList.as_view(), name="expenses"),
    path("expenses/<int:pk>/", views.ExpenseDetail.as_view(), name="expense"),
    path(
        "expenses/department/<int:department_id>/",
        views.DepartmentExpenses.as_view(),
        name="department-expenses",
    ),
]
