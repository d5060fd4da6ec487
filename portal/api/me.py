"""`/api/v1/me/`: who the caller is, as the server sees it."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access.audiences import audiences_for
from portal.access.roles import door_for, roles_for
from portal.models import Membership


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    is_partner = serializers.BooleanField(source="organisation.is_partner")

    class Meta:
        model = Membership
        fields = ["organisation", "organisation_name", "is_partner", "role", "status"]


class MeSerializer(serializers.Serializer):
    authenticated = serializers.BooleanField()
    id = serializers.IntegerField(allow_null=True)
    email = serializers.EmailField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    audiences = serializers.ListField(child=serializers.CharField())
    door = serializers.CharField()
    memberships = MembershipSerializer(many=True)


class MeView(APIView):
    """The signed-in caller's roles, organisations and audiences (anonymous: only
    `public`)."""

    @extend_schema(summary="Who the caller is", responses=MeSerializer)
    def get(self, request):
        user = request.user
        signed_in = user.is_authenticated
        memberships = (
            Membership.objects.filter(user=user)
            .exclude(status=Membership.Status.ENDED)
            .select_related("organisation")
            if signed_in
            else Membership.objects.none()
        )
        data = {
            "authenticated": signed_in,
            "id": user.pk if signed_in else None,
            "email": user.email if signed_in else None,
            "name": (user.get_full_name() or user.email) if signed_in else None,
            "roles": [str(role) for role in roles_for(user)],
            "audiences": [str(audience) for audience in audiences_for(user)],
            "door": str(door_for(user)),
            "memberships": memberships,
        }
        return Response(MeSerializer(data).data)


def register(router) -> None:
    """Put `me/` on the /api/v1/ router."""
    router.add_view("me/", MeView, name="api-me")
