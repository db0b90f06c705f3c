from django.conf import settings
from django.db import models

# The original had these two swapped (created=auto_now, updated=auto_now_add), and the original
# profile keeps that; hardened has created set once and updated following every save (contract
# §8). Only what a save writes differs: the columns are the same.
SWAPPED = getattr(settings, "ORIGINAL", False)


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now=SWAPPED, auto_now_add=not SWAPPED)
    updated = models.DateTimeField(auto_now=not SWAPPED, auto_now_add=SWAPPED)

    class Meta:
        abstract = True


class Tenant(TimeStamped):
    """An organization. The first DNS label of the request host is its `schema`."""

    name = models.CharField(max_length=255, unique=True)
    business_phone_number = models.CharField(max_length=250)
    business_email = models.EmailField()
    is_active = models.BooleanField(default=True)
    schema = models.CharField(max_length=255, unique=True)
    subdomain = models.CharField(max_length=255, blank=True)
    tenant_id = models.SlugField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class Department(TimeStamped):
    name = models.CharField(max_length=255)
    organization = models.ForeignKey(Tenant, related_name="departments", on_delete=models.CASCADE)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="department_name_unique_per_tenant"
            )
        ]

    def __str__(self):
        return self.name

