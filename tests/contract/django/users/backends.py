from django.contrib.auth.backends import ModelBackend


class TenantModelBackend(ModelBackend):
    """Django's password backend, limited to the users of the request host's tenant.

    With a schema per tenant the other tenants' rows were simply not there.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        tenant = getattr(request, "tenant", None)
        if tenant is None:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and user.organization_id == tenant.pk:
            return user
        return None
