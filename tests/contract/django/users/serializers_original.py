"""Djoser's serializers with the original's field lists, and nothing else: the related
fields accept any row of the current schema (each schema holds one tenant's rows)."""

from django.contrib.auth import get_user_model
from djoser import serializers as djoser_serializers

User = get_user_model()

FIELDS = (
    "id",
    "first_name",
    "last_name",
    "email",
    "photo",
    "organization",
    "department",
    "employee_id",
    "role",
)


class UserCreateSerializer(djoser_serializers.UserCreateSerializer):
    class Meta:
        model = User
        fields = (*FIELDS, "password")


class UserSerializer(djoser_serializers.UserSerializer):
    class Meta:
        model = User
        fields = (*FIELDS, "is_active")
