"""The demo tenants' accounts, budgets and expenses, shared by both profiles' seed commands.

Everything is created through the ORM in the order below, so the signals do the arithmetic
(a budget draws on its account, an expense on its budget) and the swapped timestamps order the
lists as the live server will: a row saved later lists earlier. The months are the current and
the previous one of today's date in the server's time zone (Africa/Nairobi); an expense is dated
that day of its budget's month, or today if that is later.

This must match the MSW mock's seed (src/mocks/README.md, "Seeded domain data").
"""

import datetime

from django.utils import timezone

from .models import Account, Budget, Expense

# tenant schema -> (account name, opening amount, budgets, expenses), in creation order
#   budgets:  (key, department name, "current" | "previous", allocated amount)
#   expenses: (budget key, day of its month, use, amount); dated never after today
DOMAIN = {
    "acme": (
        "Acme operating account",
        1_000_000,
        [
            ("fin-prev", "Finance", "previous", 80_000),
            ("eng-prev", "Engineering", "previous", 300_000),
            ("fin-cur", "Finance", "current", 100_000),
            ("eng-cur", "Engineering", "current", 400_000),
        ],
        [
            ("fin-prev", 10, "Audit fees", 30_000),
            ("eng-prev", 20, "Cloud hosting", 120_000),
            ("eng-cur", 1, "Team lunch", 12_000),
            ("eng-cur", 1, "Laptops for new hires", 250_000),
            ("fin-cur", 1, "Bank charges", 4_500),
        ],
    ),
    "globex": (
        "Globex operating account",
        800_000,
        [
            ("fin-prev", "Finance", "previous", 50_000),
            ("mkt-prev", "Marketing", "previous", 150_000),
            ("fin-cur", "Finance", "current", 60_000),
            ("mkt-cur", "Marketing", "current", 200_000),
        ],
        [
            ("mkt-prev", 15, "Print ads", 90_000),
            ("mkt-cur", 1, "Trade show booth", 80_000),
            ("fin-cur", 1, "Courier", 3_000),
        ],
    ),
}


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
    made = {}
    for key, department, which, amount in budgets:
        month, year = months[which]
        made[key] = Budget.objects.create(
            department=departments[department],
            source=account,
            month=month,
            year=year,
            amount=amount,
        )
    for key, day, use, amount in expenses:
        budget = made[key]
        Expense.objects.create(
            budget=budget,
            date=min(datetime.date(budget.year, budget.month, day), today),
            use=use,
            amount=amount,
        )
