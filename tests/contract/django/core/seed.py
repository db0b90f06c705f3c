"""The demo tenants' accounts, budgets and expenses, shared by both profiles' seed commands.

Everything is created through the ORM in the order below, so the signals do the arithmetic
(a budget draws on its account, an expense on its budget) and the timestamps order the lists
as the live server will (on the original, a row saved later lists earlier). The months are the
current and the previous one of today's date in the server's time zone (Africa/Nairobi).

This must match the MSW mock's seed (src/mocks/README.md, "Seeded domain data").
"""

import datetime

from django.utils import timezone

from .models import Account, Budget, Expense

# tenant schema -> (account name, opening amount, budgets, expenses), in creation order
#   budgets:  (department name, "current" | "previous", allocated amount)
#   expenses: (budget, as its position from 1 among the tenant's budgets, use, amount)
# An expense is dated the 1st of a current-month budget's month, the 15th of a previous one's.
DOMAIN = {
    "acme": (
        "Acme operating account",
        1_500_000,
        [
            ("Finance", "current", 100_000),
            ("Engineering", "current", 400_000),
            ("Finance", "previous", 100_000),
            ("Engineering", "previous", 400_000),
        ],
        [
            (2, "Team lunch", 12_000),
            (2, "Laptops for new hires", 250_000),
            (1, "Bank charges", 4_500),
            (4, "Cloud hosting", 380_000),
            (3, "Audit fees", 120_000),
        ],
    ),
    "globex": (
        "Globex operating account",
        1_000_000,
        [
            ("Finance", "current", 50_000),
            ("Marketing", "current", 200_000),
            ("Finance", "previous", 50_000),
            ("Marketing", "previous", 150_000),
        ],
        [
            (2, "Trade show booth", 80_000),
            (1, "Courier", 3_000),
            (4, "Print adverts", 95_000),
            (3, "Office supplies", 12_500),
        ],
    ),
}
EXPENSE_DAY = {"current": 1, "previous": 15}


def seed_months(today=None):
    """{'current': (month, year), 'previous': (month, year)} for `today` (local date)."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    last_month = first - datetime.timedelta(days=1)
    return {
        "current": (today.month, today.year),
        "previous": (last_month.month, last_month.year),
    }


def seed_domain(schema, organization, departments, today=None):
    """Creates the tenant's account, budgets and expenses. `departments`: name -> Department."""
    today = today or timezone.localdate()
    months = seed_months(today)
    name, opening, budgets, expenses = DOMAIN[schema]
    account = Account.objects.create(name=name, amount=opening, organization=organization)
    made = []
    for department, which, amount in budgets:
        month, year = months[which]
        budget = Budget.objects.create(
            department=departments[department],
            source=account,
            month=month,
            year=year,
            amount=amount,
        )
        made.append((budget, which))
    for position, use, amount in expenses:
        budget, which = made[position - 1]
        Expense.objects.create(
            budget=budget,
            date=datetime.date(budget.year, budget.month, EXPENSE_DAY[which]),
            use=use,
            amount=amount,
        )
