"""How money moves, as in the original:

- a budget, when it is created (only then), is taken from its source account;
- an expense, every time it is saved (created or updated), is taken from its budget: editing an
  expense's amount charges the new amount again, the old one is not given back.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import Budget, Expense


@receiver(pre_save, sender=Expense)
def charge_expense_to_budget(sender, instance, **kwargs):
    budget = instance.budget
    budget.amount -= instance.amount
    budget.save()


@receiver(post_save, sender=Budget)
def draw_budget_from_account(sender, instance, created, **kwargs):
    if not created:
        return
    account = instance.source
    account.amount -= instance.amount
    account.save()
