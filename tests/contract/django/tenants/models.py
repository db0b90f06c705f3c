from django.db import models


class TimeStamped(models.Model):
    # The original had these two swapped (created=auto_now, updated=auto_now_add);
    # here created is set once and updated follows every save (contract §8).
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

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

