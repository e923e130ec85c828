from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.accounts.enums import Role
from portal.accounts.models import Company, User

MAX_KRW = 10**18  # a guard against absurd input; larger than any balance sheet


class CompanySerializer(serializers.ModelSerializer):
    brn = serializers.CharField(max_length=20, help_text=_("Business registration number, 123-45-67890"))
    total_assets_krw = serializers.IntegerField(min_value=0, max_value=MAX_KRW)
    regular_staff = serializers.IntegerField(min_value=0, max_value=10_000_000)

    class Meta:
        model = Company
        fields = [
            "id", "name_ko", "name_en", "brn", "sector", "total_assets_krw", "assets_as_of",
            "regular_staff", "efta_covered", "ciso_appointed", "ciso_name", "created_at", "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, style={"input_type": "password"}, max_length=128)
    role = serializers.CharField(max_length=40, help_text=", ".join(Role.values))
    company = serializers.PrimaryKeyRelatedField(queryset=Company.objects.all(), required=False, allow_null=True)

    class Meta:
        model = User
        fields = ["id", "username", "password", "email", "role", "company", "first_name", "last_name", "is_active"]
        read_only_fields = ["id", "is_active"]
        extra_kwargs = {"username": {"validators": []}}
        validators: list = []  # uniqueness is checked by the service, which names the field


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(max_length=16, required=False, allow_blank=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField(help_text="When the token stops working (API_TOKEN_TTL_DAYS).")
