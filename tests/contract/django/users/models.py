from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from tenants.models import Department, Tenant

ROLE_CHOICES = [("Admin", "Admin"), ("Staff", "Staff")]


class UserAccountManager(UserManager):
    """Users sign in with their email; `username` is filled with it once, at creation."""

    def create_user(self, email=None, password=None, **extra_fields):
        email = self.normalize_email(email)
        return super().create_user(email, email=email, password=password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        email = self.normalize_email(email)
        return super().create_superuser(email, email=email, password=password, **extra_fields)


class UserAccount(AbstractUser):
    email = models.EmailField(unique=True)
    photo = models.ImageField(upload_to="users/photos/", null=True, blank=True)
    # Nullable as in the original (its registration leaves it null); the hardened serializers
    # always fill it with the host's tenant.
    organization = models.ForeignKey(
        Tenant, related_name="users", on_delete=models.CASCADE, null=True, blank=True
    )
    department = models.ForeignKey(
        Department, related_name="users", on_delete=models.PROTECT, null=True, blank=True
    )
    employee_id = models.CharField(max_length=255, null=True, blank=True)
    role = models.CharField(max_length=40, choices=ROLE_CHOICES, default="Staff")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserAccountManager()

    class Meta:
        ordering = ["-date_joined", "-id"]
        verbose_name = "user account"
