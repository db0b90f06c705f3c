"""The original's `core` app: accounts, departmental budgets and the expenses against them.

Field types, choices and orderings follow the original so that DRF builds the same fields
(and so the same validation messages) from them. Two things are the original's own quirks and
are kept on purpose:

- `created` is `auto_now` and `updated` is `auto_now_add` (on both profiles): `created` moves
  on every save and `updated` is the creation time. With `ordering = ['-created']`, a row that
  was just saved (a budget an expense was charged to, an account a budget was drawn from)
  lists first.
- the signals in signals.py subtract on every expense save, not only on creation.

The original ran on PostgreSQL, where Django gives integer fields the validators of the
column's range, and DRF turns them into `min_value`/`max_value` ("Ensure this value is greater
than or equal to 0."). SQLite has no ranges (`integer_field_range` is `(None, None)`), so a
negative expense would reach the database's CHECK and be a 500 here: the ranges Postgres
implies are spelled out as validators instead.

`Account.organization` is the fixture's own addition for the hardened profile, where every
tenant shares one database: it scopes the querysets and is never serialized. In the original
profile it points at the schema's own tenant row, like `Department.organization`.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS

from tenants.models import Department, Tenant


def postgres_range(low, high):
    return [MinValueValidator(low), MaxValueValidator(high)]


BIGINT = postgres_range(-(2**63), 2**63 - 1)
POSITIVE_INT = postgres_range(0, 2**31 - 1)


class CommonInfo(models.Model):
    # the original's swap (see above)
    created = models.DateTimeField(auto_now=True)
    updated = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created"]


class Account(CommonInfo):
    name = models.CharField(max_length=255)
    amount = models.BigIntegerField(help_text="money left in the account", validators=BIGINT)
    organization = models.ForeignKey(
        Tenant, related_name="accounts", on_delete=models.CASCADE, null=True, editable=False
    )

    def __str__(self):
        return self.name


class Budget(CommonInfo):
    department = models.ForeignKey(Department, related_name="budgets", on_delete=models.PROTECT)
    source = models.ForeignKey(Account, related_name="budgets", on_delete=models.PROTECT)
    month = models.PositiveSmallIntegerField(choices=list(MONTHS.items()))
    year = models.PositiveIntegerField(validators=POSITIVE_INT)
    amount = models.BigIntegerField(
        help_text="what is left of the department's allocation", validators=BIGINT
    )

    def __str__(self):
        return f"{self.department} {self.get_month_display()} {self.year}: {self.amount}"


class Expense(CommonInfo):
    budget = models.ForeignKey(Budget, related_name="expenses", on_delete=models.PROTECT)
    date = models.DateField()
    use = models.TextField()
    amount = models.PositiveIntegerField(validators=POSITIVE_INT)

    def __str__(self):
        return f"{self.use} ({self.amount})"
