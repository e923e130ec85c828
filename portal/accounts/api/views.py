from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.accounts import rules, selectors, services
from portal.accounts.api.serializers import (
    CompanySerializer,
    TokenRequestSerializer,
    TokenSerializer,
    UserSerializer,
)
from portal.accounts.signin import lockout, mfa
from portal.accounts.signin.authentication import token_expires_at
from portal.errors import InvalidInput, NotAllowed


class CompanyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                     mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """The company registry. Program office writes; regulator-side users read; a company user sees its own."""

    serializer_class = CompanySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.companies_visible_to(self.request.user).order_by("id")

    def create(self, request, *args, **kwargs):
        if not rules.can_manage_companies(request.user):
            raise NotAllowed(_("Only the program office may register companies."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        company = services.company_create(actor=request.user, data=serializer.validated_data)
        return Response(self.get_serializer(company).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        company = self.get_object()
        if not rules.can_manage_companies(request.user):
            raise NotAllowed(_("Only the program office may change the company registry."))
        serializer = self.get_serializer(company, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        company = services.company_update(actor=request.user, company=company, data=serializer.validated_data)
        return Response(self.get_serializer(company).data)


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Logins. Program office only."""

    serializer_class = UserSerializer

    def get_queryset(self):
        return selectors.users_visible_to(self.request.user).order_by("id")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not rules.can_manage_users(request.user):
            raise NotAllowed(_("Only the program office may manage users."))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = services.user_create(
            actor=request.user,
            username=data["username"],
            password=data["password"],
            email=data.get("email", ""),
            role=data["role"],
            company=data.get("company"),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )
        return Response(self.get_serializer(user).data, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    """``POST``: exchange a username, a password and (where the user has a confirmed device) a one-time
    code for an API token. ``DELETE``: the caller revokes their own token (204; it then gets 401).

    Wrong passwords count towards the per-account lockout (portal/accounts/signin/lockout.py): once
    locked, the answer is 429 with Retry-After, even for the right password. A missing or wrong ``otp``
    is not a wrong password. Staff without a device are refused (403 ``mfa_required``): they enrol on the web
    first, so the API never becomes the way around the second factor. A token expires
    ``API_TOKEN_TTL_DAYS`` after it was issued (the answer's ``expires_at``); asking again before then
    returns the same token, after then a new one.
    """

    def initialize_request(self, request, *args, **kwargs):
        drf_request = super().initialize_request(request, *args, **kwargs)
        if request.method != "DELETE":
            # Asking for a token authenticates by the body alone: no session, no CSRF, no old token.
            drf_request.authenticators = ()
        return drf_request

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [IsAuthenticated()]
        return [AllowAny()]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT,
                   429: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        django_request = request._request  # axes flags the lockout on the Django request
        user = authenticate(django_request, username=data["username"], password=data["password"])
        if lockout.answered_as_locked(django_request):
            return lockout.lockout_response(django_request, credentials={"username": data["username"]})
        if user is None or not user.is_active:
            raise InvalidInput({"non_field_errors": [_("The username or password is not correct.")]})
        lockout.forget_failures(user.get_username())  # as the web login does (AXES_RESET_ON_SUCCESS)
        if mfa.has_confirmed_device(user):
            if not data.get("otp"):
                raise InvalidInput({"otp": [_("Enter the one-time code from your authenticator app.")]})
            if not mfa.verify_for_token(user=user, code=data["otp"]):
                raise InvalidInput({"otp": [_("The one-time code is not correct or was already used.")]})
        elif mfa.mfa_required_for(user):
            raise NotAllowed(
                _("Your role requires two-step verification. Set it up in the web portal, then ask for a token."),
                code="mfa_required",
            )
        token = services.api_token_issue(user=user)
        return Response(TokenSerializer({"token": token.key, "expires_at": token_expires_at(token)}).data)

    @extend_schema(request=None, responses={204: None, 401: OpenApiTypes.OBJECT})
    def delete(self, request):
        services.api_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
