import threading

from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import (
    TokenObtainPairSerializer,
    TokenRefreshSerializer,
)


class TenantTokenObtainPairSerializer(TokenObtainPairSerializer):
    """Adds the custom claims email, username and tenant (Tenant.schema)."""

    @classmethod
    def get_token(cls, user):
        token = super().get_token(user)
        token["email"] = user.email
        token["username"] = user.username
        token["tenant"] = user.organization.schema
        return token


# simplejwt checks the blacklist and then blacklists in two steps, so two threads
# refreshing the same token at once could both win. The fixture is one process:
# serializing refreshes makes "one of N simultaneous refreshes wins" deterministic,
# as the contract (§3.2) observed.
_refresh_lock = threading.Lock()


class TenantTokenRefreshSerializer(TokenRefreshSerializer):
    """Refuses a refresh token of another tenant before anything is rotated or blacklisted."""

    def validate(self, attrs):
        with _refresh_lock:
            refresh = self.token_class(attrs["refresh"])
            tenant = getattr(self.context["request"], "tenant", None)
            if tenant is None or refresh.get("tenant") != tenant.schema:
                raise TokenError("Token is not valid for this tenant")
            return super().validate(attrs)
