"""Each new seat at a workshop is announced once (`operator_invited`), inside the
transaction that creates or moves it."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts import services as account_services
from accounts.factories import OperatorFactory
from regions.models import Region
from workshops.factories import build_workshop
from workshops.services import workshops as services
from workshops.signals import operator_invited

# Every test gets the database through the shared world's fixtures (conftest.py).

EMPTY_DESA = "19.06.02.2004"  # Kec. Gantung, no operator in the world


def tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def heard():
    """What receivers of `operator_invited` are told: (operator, workshop, session)."""
    calls = []

    def receiver(sender, invitation, **kwargs):
        calls.append(
            (invitation.operator_id, invitation.workshop_id, invitation.session_id)
        )

    operator_invited.connect(receiver, weak=False, dispatch_uid="test_heard")
    yield calls
    operator_invited.disconnect(dispatch_uid="test_heard")


class TestEachNewSeatIsAnnouncedOnce:
    def test_inviting_a_desa_announces_each_operator_with_their_session(
        self, heard, trainer, portal, operator
    ):
        second = OperatorFactory(region_code=operator.region.code)
        workshop = build_workshop(actor=trainer, day=tomorrow())

        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])

        sessions = dict(workshop.invitations.values_list("operator_id", "session_id"))
        assert all(sessions.values())
        assert sorted(heard) == sorted(
            (op.pk, workshop.pk, sessions[op.pk]) for op in (operator, second)
        )

    def test_inviting_the_desa_again_announces_only_the_new_operator(
        self, heard, trainer, portal, operator
    ):
        """Without sessions the first seat stays unplaced, and is still not new."""
        workshop = build_workshop(actor=trainer, day=tomorrow(), sessions=False)
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        assert [h[0] for h in heard] == [operator.pk]
        newcomer = OperatorFactory(region_code=operator.region.code)

        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])

        assert [h[0] for h in heard] == [operator.pk, newcomer.pk]

    def test_a_failing_receiver_undoes_the_invitation(self, trainer, portal, operator):
        """The announcement is sent inside the transaction that creates the seat."""

        def broken(sender, invitation, **kwargs):
            raise RuntimeError("notice could not be stored")

        workshop = build_workshop(actor=trainer, day=tomorrow())
        operator_invited.connect(broken, weak=False, dispatch_uid="test_broken")
        try:
            with pytest.raises(RuntimeError):
                services.invite(
                    actor=trainer, workshop=workshop, desa=[operator.region]
                )
        finally:
            operator_invited.disconnect(dispatch_uid="test_broken")

        assert not workshop.invitations.exists()
        assert not workshop.invited_desa.exists()

    def test_a_replaced_operators_seat_is_announced_to_the_new_operator(
        self, heard, trainer, portal, operator, beltim_admin
    ):
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite(actor=trainer, workshop=workshop, desa=[operator.region])
        session_id = workshop.invitations.get().session_id
        newcomer = OperatorFactory(region_code=operator.region.code)
        heard.clear()

        account_services.deactivate_operator(actor=beltim_admin, operator=operator)

        assert heard == [(newcomer.pk, workshop.pk, session_id)]

    def test_a_desa_invited_without_operator_announces_its_first_operator(
        self, heard, trainer, portal
    ):
        desa = Region.objects.get(code=EMPTY_DESA)
        workshop = build_workshop(actor=trainer, day=tomorrow())
        services.invite_desa(actor=trainer, workshop=workshop, desa=[desa])
        assert heard == []

        newcomer = account_services.create_operator_account(
            name="Rina Lestari", desa=desa
        ).user

        assert [(h[0], h[1]) for h in heard] == [(newcomer.pk, workshop.pk)]

    def test_a_walk_in_is_not_announced(self, heard, trainer, portal):
        """A walk-in is in the hall already; nobody needs to tell them."""
        workshop = build_workshop(actor=trainer)

        services.register_walk_in(
            actor=trainer,
            session=workshop.sessions.first(),
            name="Dedi Kurniawan",
            desa=Region.objects.get(code=EMPTY_DESA),
        )

        assert heard == []
