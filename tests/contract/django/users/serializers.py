"""Djoser serializers with the original's field lists, scoped to the host's tenant."""

from django.contrib.auth import get_user_model
from djoser import serializers as djoser_serializers
from djoser import utils
from rest_framework.exceptions import ValidationError

from tenants.fields import TenantScopedPrimaryKeyRelatedField
from tenants.models import Department, Tenant

User = get_user_model()


def request_tenant(serializer):
    request = serializer.context.get("request")
    return getattr(request, "tenant", None)


def organization_field():
    return TenantScopedPrimaryKeyRelatedField(
        tenant_lookup="pk", queryset=Tenant.objects.all(), required=False
    )


def department_field():
    return TenantScopedPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )


class UserCreateSerializer(djoser_serializers.UserCreateSerializer):
    organization = organization_field()
    department = department_field()

    class Meta:
        model = User
        fields = (
            "id",
            "first_name",
            "last_name",
            "email",
            "photo",
            "organization",
            "department",
            "employee_id",
            "role",
            "password",
        )

    def validate(self, attrs):
        # A new user belongs to the tenant of the host it registered on.
        attrs.setdefault("organization", request_tenant(self))
        return super().validate(attrs)


class UserCreatePasswordRetypeSerializer(
    djoser_serializers.UserCreatePasswordRetypeSerializer, UserCreateSerializer
):
    """Djoser's retype variant over the fields above (else registration would fall
    back to Djoser's stock field list when PASSWORD_RETYPE is on)."""


class UserSerializer(djoser_serializers.UserSerializer):
    organization = organization_field()
    department = department_field()

    class Meta:
        model = User
        fields = (
            "id",
            "first_name",
            "last_name",
            "email",
            "photo",
            "organization",
            "department",
            "employee_id",
            "role",
            "is_active",
        )


# --- mail flows: find users of the host's tenant only -------------------------------


class SendEmailResetSerializer(djoser_serializers.SendEmailResetSerializer):
    def get_user(self, is_active=True):
        user = super().get_user(is_active=is_active)
        tenant = request_tenant(self)
        if user is not None and (tenant is None or user.organization_id != tenant.pk):
            return None
        return user


class TenantUidMixin:
    """Treats a uid of another tenant like one that does not exist."""

    def validate(self, attrs):
        tenant = request_tenant(self)
        try:
            uid = utils.decode_uid(self.initial_data.get("uid", ""))
            known = tenant is not None and User.objects.filter(pk=uid, organization=tenant).exists()
        except (ValueError, TypeError, OverflowError):
            known = False
        if not known:
            raise ValidationError(
                {"uid": [self.error_messages["invalid_uid"]]}, code="invalid_uid"
            )
        return super().validate(attrs)


class ActivationSerializer(TenantUidMixin, djoser_serializers.ActivationSerializer):
    pass


class PasswordResetConfirmSerializer(
    TenantUidMixin, djoser_serializers.PasswordResetConfirmSerializer
):
    pass


class PasswordResetConfirmRetypeSerializer(
    TenantUidMixin, djoser_serializers.PasswordResetConfirmRetypeSerializer
):
    pass


class UsernameResetConfirmSerializer(
    TenantUidMixin, djoser_serializers.UsernameResetConfirmSerializer
):
    pass


class UsernameResetConfirmRetypeSerializer(
    TenantUidMixin, djoser_serializers.UsernameResetConfirmRetypeSerializer
):
    pass
