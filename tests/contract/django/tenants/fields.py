from rest_framework import serializers


class TenantScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A PrimaryKeyRelatedField that only accepts rows of the request host's tenant.

    `tenant_lookup` names the path from the related model to the tenant ("pk" for the
    tenant itself). A row of another tenant gives DRF's usual 'Invalid pk "3" - object
    does not exist.', exactly as a missing row in a per-tenant schema did.
    """

    def __init__(self, tenant_lookup="organization", **kwargs):
        self.tenant_lookup = tenant_lookup
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        tenant = getattr(request, "tenant", None)
        if tenant is None:
            return queryset.none()
        return queryset.filter(**{self.tenant_lookup: tenant.pk})
