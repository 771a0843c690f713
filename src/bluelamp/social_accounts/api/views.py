"""The account registry and account applications in the REST API (/api/v1/accounts,
/api/v1/applications), on top of social_accounts' selectors (every read, scoped to what the
caller may see: missing and not-yours are both 404) and its action declarations
(``social_accounts.actions``: what the caller may do now, and every workflow step, which the
pages use too; the services check who may act and whether the state allows it again, whatever
the caller sends).

Accounts are read-only here: an account enters the registry only when CCD approves an
application (CC/01 3.2)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.rest.steps import step_view
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts import permissions, selectors
from bluelamp.social_accounts.actions import (
    APPLICATION_ACTIONS,
    SUBMIT,
    account_available_actions,
    application_available_actions,
)
from bluelamp.social_accounts.api.serializers import (
    AccountDetailSerializer,
    AccountSerializer,
    ApplicationDecisionSerializer,
    ApplicationDetailSerializer,
    ApplicationSerializer,
    ApplicationSubmitSerializer,
)
from bluelamp.social_accounts.choices import (
    AccountStatus,
    ApplicationStatus,
    Ownership,
    Platform,
    Tier,
)


class CanUseRegistry(BasePermission):
    """Staff, line managers, CCD and the auditor (social_accounts.permissions)."""

    message = PermissionDeniedError.default_message
    code = PermissionDeniedError.code

    def has_permission(self, request, view) -> bool:
        return permissions.can_use_registry(request.user)


REGISTRY_PERMISSIONS = (IsAuthenticated, CanUseRegistry)


def _blank(choices) -> list:
    return [("", "any"), *choices]


class AccountFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, default="", help_text="Handle, name, team, owner.")
    platform = serializers.ChoiceField(choices=_blank(Platform.choices), required=False)
    tier = serializers.ChoiceField(choices=_blank(Tier.choices), required=False)
    status = serializers.ChoiceField(choices=_blank(AccountStatus.choices), required=False)
    ownership = serializers.ChoiceField(choices=_blank(Ownership.choices), required=False)
    team = serializers.CharField(required=False, default="", help_text="Matches in part.")
    live_only = serializers.BooleanField(
        required=False, default=False, help_text="Only active, suspended or awaiting conversion."
    )
    sort = serializers.ChoiceField(
        choices=list(selectors.ACCOUNT_SORTS),
        required=False,
        default=selectors.DEFAULT_ACCOUNT_SORT,
    )


class ApplicationFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=_blank(ApplicationStatus.choices), required=False)
    waiting_for_me = serializers.BooleanField(
        required=False, default=False, help_text="Only those waiting for your decision."
    )
    q = serializers.CharField(required=False, default="", help_text="Handle, name, applicant.")


def _filters(serializer_class, request) -> dict:
    filters = validated(serializer_class, request.query_params)
    return {k: v for k, v in filters.items() if v not in (None, "")}


def _account_detail(request, account) -> dict:
    account.roster_list = selectors.account_roster_users(account)
    account.available_actions = account_available_actions(user=request.user, account=account)
    account.health = (
        [issue.to_dict() for issue in selectors.account_health(account, now=timezone.now())]
        if permissions.can_see_health(request.user)
        else None
    )
    return AccountDetailSerializer(account).data


def _application_detail(request, application) -> dict:
    application.available_actions = application_available_actions(
        user=request.user, application=application
    )
    return ApplicationDetailSerializer(application).data


class AccountListView(GenericApiView):
    """The registry: the accounts the caller may see."""

    permission_classes = REGISTRY_PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = AccountSerializer

    @extend_schema(
        operation_id="accounts_list",
        tags=["accounts"],
        summary="List, search and filter the accounts you may see",
        parameters=[AccountFilterSerializer],
        responses={200: AccountSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        accounts = selectors.account_list(
            user=request.user, **_filters(AccountFilterSerializer, request)
        )
        page = self.paginate_queryset(accounts)
        return self.get_paginated_response(AccountSerializer(page, many=True).data)

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise MethodNotAllowed(
            request.method,
            detail=(
                "Accounts enter the registry only when Corporate Communications approves an "
                "application (CC/01 3.2): apply with POST /api/v1/applications."
            ),
        )


class AccountDetailView(ApiView):
    """One account."""

    permission_classes = REGISTRY_PERMISSIONS

    @extend_schema(
        operation_id="accounts_read",
        tags=["accounts"],
        summary="Read one account, its roster, what you may do to it, and its health",
        responses={200: AccountDetailSerializer, **error_responses()},
    )
    def get(self, request, pk: int):
        account = selectors.account_get(user=request.user, pk=pk)
        return Response(_account_detail(request, account))


class ApplicationListView(GenericApiView):
    """Applications: list the ones you may see, or apply."""

    permission_classes = REGISTRY_PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = ApplicationSerializer

    @extend_schema(
        operation_id="applications_list",
        tags=["applications"],
        summary="List the applications you may see",
        parameters=[ApplicationFilterSerializer],
        responses={200: ApplicationSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        applications = selectors.application_list(
            user=request.user, **_filters(ApplicationFilterSerializer, request)
        )
        page = self.paginate_queryset(applications)
        return self.get_paginated_response(ApplicationSerializer(page, many=True).data)

    @extend_schema(
        operation_id="applications_submit",
        tags=["applications"],
        summary="Apply for an account (CC/01 3.3, 3.4)",
        request=ApplicationSubmitSerializer,
        responses={
            201: ApplicationDetailSerializer,
            **error_responses(**{"409": "duplicate_account"}),
        },
    )
    def post(self, request):
        body = validated(ApplicationSubmitSerializer, request.data)
        application = SUBMIT.perform_new(actor=request.user, data=SUBMIT.from_body(body))
        application = selectors.application_get(user=request.user, pk=application.pk)
        return Response(
            _application_detail(request, application),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:application", args=[application.pk])},
        )


class ApplicationDetailView(ApiView):
    permission_classes = REGISTRY_PERMISSIONS

    @extend_schema(
        operation_id="applications_read",
        tags=["applications"],
        summary="Read one application and what you may do to it now",
        responses={200: ApplicationDetailSerializer, **error_responses()},
    )
    def get(self, request, pk: int):
        application = selectors.application_get(user=request.user, pk=pk)
        return Response(_application_detail(request, application))


class ApplicationDecisionView(ApiView):
    permission_classes = REGISTRY_PERMISSIONS

    @extend_schema(
        operation_id="applications_decide",
        tags=["applications"],
        summary="Decide an application: line manager, then CCD (CC/01 3.2, 3.4, 3.5)",
        description=(
            "`manager_approve` or `manager_reject` by the applicant's own line manager, then "
            "`ccd_approve` (the account enters the registry; its id is in `account`) or "
            "`ccd_refuse` by Corporate Communications. Rejecting and refusing need a reason. "
            "No one decides their own application, and the line manager who approved it cannot "
            "give CCD's decision. A decision on an application already decided is refused "
            "with 409 `already_decided`, and nothing changes."
        ),
        request=ApplicationDecisionSerializer,
        responses={
            200: ApplicationDetailSerializer,
            **error_responses(**{"409": "already_decided, duplicate_account"}),
        },
    )
    def post(self, request, pk: int):
        application = selectors.application_get(user=request.user, pk=pk)
        body = validated(ApplicationDecisionSerializer, request.data)
        decision = body["decision"]
        APPLICATION_ACTIONS.perform(
            decision,
            application,
            actor=request.user,
            data=APPLICATION_ACTIONS[decision].from_body(body),
        )
        application = selectors.application_get(user=request.user, pk=pk)
        return Response(_application_detail(request, application))


def _application_fetch(request, pk: int):
    return selectors.application_get(user=request.user, pk=pk)


def _application_answer(request, application) -> dict:
    return _application_detail(request, _application_fetch(request, application.pk))


ApplicationWithdrawalView = step_view(
    APPLICATION_ACTIONS,
    application_flow.WITHDRAW,
    fetch=_application_fetch,
    answer=_application_answer,
    permission_classes=REGISTRY_PERMISSIONS,
    operation_id="applications_withdraw",
    tag="applications",
    response=ApplicationDetailSerializer,
)
