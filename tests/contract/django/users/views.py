from djoser.views import UserViewSet


class TenantUserViewSet(UserViewSet):
    """Djoser's user endpoints over the users of the request host's tenant."""

    def get_queryset(self):
        return super().get_queryset().filter(organization=self.request.tenant)
