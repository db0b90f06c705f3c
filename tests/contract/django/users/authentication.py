from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed


class TenantJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication, finding the user only within the host's tenant.

    A token minted on another tenant's host (its `tenant` claim differs) fails the
    same way simplejwt fails for a missing user row: 401 user_not_found.
    """

    def authenticate(self, request):
        # DRF builds one authenticator per request, so keeping the tenant here is safe.
        self.tenant = getattr(request, "tenant", None)
        return super().authenticate(request)

    def get_user(self, validated_token):
        tenant = self.tenant
        if tenant is None or validated_token.get("tenant") != tenant.schema:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        user = super().get_user(validated_token)
        if user.organization_id != tenant.pk:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        return user
