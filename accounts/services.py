"""Writes for accounts: operators added one by one or in bulk, resets, deactivation."""

import datetime
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from lms.shared.csvimport import CsvLayout, LineError, RowInvalid, import_rows, refuse
from lms.shared.errors import DomainError
from lms.shared.ratelimit import count_attempt
from regions.models import Region

from .models import NameChangeRequest, SignInCard, User, normalize_phone
from .permissions import operator_policy, sign_in_card_policy
from .selectors import SignInCardError, sign_in_card_digest, usable_sign_in_card
from .signals import operator_replaced, operators_changed, roles_changed

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length
# No 0/O, 1/l/I: one-time passwords are read aloud and copied from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet
YES = {"ya", "y", "yes", "1", "true", "kim"}
NO = {"tidak", "t", "no", "n", "0", "false", ""}


def _operators_changed(*desa_ids):
    operators_changed.send(sender=User, desa_ids=[d for d in desa_ids if d])


def assign_role_groups(*, user: User) -> None:
    """Put a user in the groups their role and region call for (portal, courses)."""
    roles_changed.send(sender=User, user=user)


@dataclass
class NewCredentials:
    user: User
    password: str


def generate_one_time_password() -> str:
    """Ten characters in two halves, e.g. `k7mq2-x9tfa`: easy to read off a sheet."""
    chars = [secrets.choice(PASSWORD_ALPHABET) for _ in range(10)]
    # Guarantee a digit and a letter so Django's validators never reject it.
    chars[secrets.randbelow(5)] = secrets.choice("23456789")
    chars[5 + secrets.randbelow(5)] = secrets.choice("abcdefghjkmnpqrstuvwxyz")
    return "".join(chars[:5]) + "-" + "".join(chars[5:])


def _username_for(name, desa, taken):
    first = slugify(name.split()[0] if name.split() else "operator")[:20] or "operator"
    base = f"{first}.{slugify(desa.name).replace('-', '')[:20]}"
    candidate, n = base, 1
    # Usernames are one name whatever the case: `siti.desa` takes `Siti.Desa` too.
    while candidate.lower() in taken or User.objects.with_username(candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate.lower())
    return candidate


def _split_name(name):
    parts = name.split(None, 1)
    return (parts[0], parts[1] if len(parts) > 1 else "")


def _check_actor(actor, desa):
    if (
        not operator_policy.user_has_permission(actor, "add")
        or not operator_policy.desa_for(actor).filter(pk=desa.pk).exists()
    ):
        raise PermissionDenied(
            _("You may only add operators to desa in your own region.")
        )


def _create(*, name, phone, email, desa, is_kim, taken):
    first, last = _split_name(name)
    password = generate_one_time_password()
    user = User(
        username=_username_for(name, desa, taken),
        first_name=first[:150],
        last_name=last[:150],
        email=email or "",
        phone=phone,
        role=User.Role.OPERATOR,
        region=desa,
        is_kim=is_kim,
        must_change_password=True,
    )
    user.set_password(password)
    user.save()
    assign_role_groups(user=user)
    _operators_changed(user.region_id)
    return NewCredentials(user=user, password=password)


@transaction.atomic
def create_operator_account(
    *,
    name: str,
    desa: Region,
    phone: str | None = None,
    email: str = "",
    is_kim: bool = False,
) -> NewCredentials:
    """Create an operator account; the caller has checked who may do this.

    Used for walk-ins at a workshop, where the trainer (not an admin) registers them.
    """
    normalized = normalize_phone(phone) if phone else None
    if normalized and User.objects.filter(phone=normalized).exists():
        raise ValueError(
            _(
                "This phone number already has an account. Sign in with it, or tick the name on the list."
            )
        )
    return _create_one(name=name, desa=desa, phone=phone, email=email, is_kim=is_kim)


@transaction.atomic
def create_operator(
    *,
    actor: User,
    name: str,
    desa: Region,
    phone: str | None = None,
    email: str = "",
    is_kim: bool = False,
) -> NewCredentials:
    """Add one operator with a one-time password they must change at first login."""
    _check_actor(actor, desa)
    return _create_one(name=name, desa=desa, phone=phone, email=email, is_kim=is_kim)


def _create_one(*, name, desa, phone, email, is_kim):
    """One operator from a form's fields, with a phone number checked and normalized."""
    normalized = normalize_phone(phone) if phone else None
    if phone and normalized is None:
        raise ValueError(
            _("Enter an Indonesian phone number, for example 0812 3456 7890.")
        )
    try:
        with transaction.atomic():
            return _create(
                name=name.strip(),
                phone=normalized,
                email=email,
                desa=desa,
                is_kim=is_kim,
                taken=set(),
            )
    except IntegrityError as exc:
        raise ValueError(
            _("This phone number is already used by another account.")
        ) from exc


OPERATOR_CSV = CsvLayout(
    columns=("nama", "telepon", "email", "kode_desa", "kim"),
    optional=1,
    no_rows_message=gettext_lazy(
        "The file has no operators. Write one operator per line under the header."
    ),
)


def _operator_row_cleaner(*, actor):
    """A `clean_row` for the operator CSV: one operator's cells, all checked at once."""
    allowed_desa = {r.code: r for r in operator_policy.desa_for(actor)}
    phones_in_file = {}
    email_validator = EmailValidator()

    def clean_row(row):
        name, phone_raw, email, desa_code, kim_raw = row.cells
        kim_raw = kim_raw.lower()
        problems = []
        if not name:
            problems.append(_("the name is empty"))
        elif len(name) > 150:
            problems.append(_("the name is longer than 150 characters"))
        phone = normalize_phone(phone_raw) if phone_raw else None
        if not phone_raw:
            problems.append(_("the phone number is empty"))
        elif phone is None:
            problems.append(
                _("“%(phone)s” is not an Indonesian phone number")
                % {"phone": phone_raw}
            )
        elif phone in phones_in_file:
            problems.append(
                _("the phone number already appears on line %(line)s")
                % {"line": phones_in_file[phone]}
            )
        if len(email) > EMAIL_MAX_LENGTH:
            # Valid up to 320 characters, but the database column holds 254.
            problems.append(
                _("the email address is longer than %(limit)s characters")
                % {"limit": EMAIL_MAX_LENGTH}
            )
        elif email:
            try:
                email_validator(email)
            except ValidationError:
                problems.append(
                    _("“%(email)s” is not an email address") % {"email": email}
                )
        desa = allowed_desa.get(desa_code)
        if desa is None:
            if Region.objects.filter(code=desa_code, level=Region.Level.DESA).exists():
                problems.append(
                    _("desa %(code)s is outside your region") % {"code": desa_code}
                )
            else:
                problems.append(
                    _("desa code “%(code)s” does not exist") % {"code": desa_code}
                )
        if kim_raw not in YES | NO:
            problems.append(
                _("KIM must be ya or tidak, not “%(value)s”") % {"value": kim_raw}
            )
        if phone:
            phones_in_file.setdefault(phone, row.line)
        if problems:
            message = "; ".join(problems)
            raise RowInvalid(message[0].upper() + message[1:] + ".")
        return {
            "name": name,
            "phone": phone,
            "email": email,
            "desa": desa,
            "is_kim": kim_raw in YES,
        }

    return clean_row


def _phones_already_held(*, actor):
    """A `check_rows` for the operator CSV: numbers other accounts already have."""

    def check_rows(rows):
        holders = {
            holder.phone: holder
            for holder in User.objects.filter(
                phone__in=[row.value["phone"] for row in rows]
            ).select_related("region")
        }
        errors = []
        for row in rows:
            holder = holders.get(row.value["phone"])
            if holder is None:
                continue
            # The account is named only to an admin who may see it: the number
            # alone must not tell who in another region holds it.
            if operator_policy.user_can_see(actor, holder):
                message = _(
                    "The phone number is already used by the account %(username)s."
                ) % {"username": holder.username}
            else:
                message = _("This phone number is already used by another account.")
            errors.append(LineError(row.line, message))
        return errors

    return check_rows


def import_operators(*, actor: User, raw: bytes) -> list[NewCredentials]:
    """All-or-nothing bulk import; returns the new accounts with their one-time passwords.

    A bad line raises ImportFailed naming every line at fault; nothing is written.
    """
    if not operator_policy.user_has_permission(actor, "add"):
        raise PermissionDenied(_("You may not add operators."))
    taken = set()

    def write(rows):
        return [_create(**row, taken=taken) for row in rows]

    try:
        return import_rows(
            raw,
            layout=OPERATOR_CSV,
            clean_row=_operator_row_cleaner(actor=actor),
            check_rows=_phones_already_held(actor=actor),
            write=write,
        )
    except IntegrityError as exc:
        # Another admin imported the same phone number at the same moment.
        raise refuse(
            0,
            _(
                "Another import added some of these phone numbers just now. Upload the file again to see which lines."
            ),
        ) from exc


@transaction.atomic
def reset_operator_password(*, actor: User, operator: User) -> NewCredentials:
    """Give the operator a new one-time password; they must set their own at next login."""
    if not operator_policy.user_has_permission_for_instance(actor, "change", operator):
        raise PermissionDenied(_("You may not reset this account's password."))
    password = generate_one_time_password()
    operator.set_password(password)
    operator.must_change_password = True
    operator.save(update_fields=["password", "must_change_password"])
    return NewCredentials(user=operator, password=password)


@transaction.atomic
def deactivate_operator(*, actor: User, operator: User, reason: str = "") -> bool:
    """Deactivate (never delete) an operator: rights removed, history kept."""
    if not operator_policy.user_has_permission_for_instance(actor, "change", operator):
        raise PermissionDenied(_("You may not deactivate this account."))
    if not operator.is_active:
        return False
    operator_replaced.send(
        sender=User,
        operator=operator,
        actor=actor,
        reason=reason or _("Account deactivated"),
    )
    operator.is_active = False
    operator.save(update_fields=["is_active"])
    assign_role_groups(user=operator)
    _operators_changed(operator.region_id)
    return True


@transaction.atomic
def reactivate_operator(*, actor: User, operator: User) -> bool:
    if not operator_policy.user_has_permission_for_instance(actor, "change", operator):
        raise PermissionDenied(_("You may not activate this account."))
    operator.is_active = True
    operator.save(update_fields=["is_active"])
    assign_role_groups(user=operator)
    _operators_changed(operator.region_id)
    return True


@transaction.atomic
def change_own_password(*, user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])


@transaction.atomic
def update_operator(
    *,
    actor: User,
    operator: User,
    name: str,
    desa: Region,
    phone: str | None = None,
    email: str = "",
    is_kim: bool = False,
) -> User:
    """Edit an operator; moving them to another desa drops rights tied to the old one."""
    if not operator_policy.user_has_permission_for_instance(actor, "change", operator):
        raise PermissionDenied(_("You may not edit this account."))
    _check_actor(actor, desa)
    if desa.pk != operator.region_id:
        operator_replaced.send(
            sender=User,
            operator=operator,
            actor=actor,
            reason=_("Moved to another desa"),
        )
    first, last = _split_name(name.strip())
    operator.first_name, operator.last_name = first[:150], last[:150]
    if phone:
        normalized = normalize_phone(phone)
        if normalized is None:
            raise ValueError(
                _("Enter an Indonesian phone number, for example 0812 3456 7890.")
            )
        phone = normalized
    operator.phone = phone or None
    operator.email = email or ""
    old_desa_id = operator.region_id
    operator.region = desa
    operator.is_kim = is_kim
    operator.save()
    assign_role_groups(user=operator)
    _operators_changed(old_desa_id, desa.pk)
    return operator


# Change of name ----------------------------------------------------------------------
# The name on an operator's account is printed on their certificates, so it is the
# name an admin of their region registered or approved, never one they typed in.


class NameChangeError(DomainError, ValueError):
    """The request cannot be made or decided; the message says why and what to do."""


@transaction.atomic
def request_name_change(*, operator: User, name: str) -> NameChangeRequest:
    """Ask an admin for another name; a request still waiting is replaced."""
    if not operator.is_operator:
        raise PermissionDenied(
            _(
                "Only desa operators ask for a change of name. Change yours in your account settings."
            )
        )
    first, last = _split_name(name.strip())
    if not first:
        raise NameChangeError(_("Write the full name to print on your certificates."))
    if len(first) > 150 or len(last) > 150:
        raise NameChangeError(
            _("The name is longer than 150 characters. Write a shorter name.")
        )
    if (first, last) == (operator.first_name, operator.last_name):
        raise NameChangeError(
            _("This is already the name on your account. Write the new name.")
        )
    name_request, _created = NameChangeRequest.objects.update_or_create(
        user=operator,
        status=NameChangeRequest.Status.PENDING,
        defaults={
            "first_name": first,
            "last_name": last,
            "requested_at": timezone.now(),
        },
    )
    log(
        instance=operator,
        action="literasi.name_change.request",
        user=operator,
        data={"requested_name": name_request.requested_name},
    )
    return name_request


def _pending_request_to_decide(*, actor, name_request):
    """The request, locked, with its operator, if the actor may decide on it now."""
    locked = NameChangeRequest.objects.select_for_update().get(pk=name_request.pk)
    operator = User.objects.select_for_update().get(pk=locked.user_id)
    if not operator_policy.user_has_permission_for_instance(actor, "change", operator):
        raise PermissionDenied(
            _("You may only decide on the requests of operators in your region.")
        )
    if locked.status != NameChangeRequest.Status.PENDING:
        raise NameChangeError(
            _("This request was already decided (%(status)s). Nothing was changed.")
            % {"status": locked.get_status_display()}
        )
    return locked, operator


@transaction.atomic
def approve_name_change(
    *, actor: User, name_request: NameChangeRequest, reason: str = ""
) -> NameChangeRequest:
    """Give the operator the requested name; their next certificate prints it."""
    name_request, operator = _pending_request_to_decide(
        actor=actor, name_request=name_request
    )
    old_name = operator.get_full_name()
    operator.first_name = name_request.first_name
    operator.last_name = name_request.last_name
    operator.save(update_fields=["first_name", "last_name"])
    name_request.status = NameChangeRequest.Status.APPROVED
    name_request.decided_by, name_request.decided_at = actor, timezone.now()
    name_request.reason = reason
    name_request.save()
    log(
        instance=operator,
        action="literasi.name_change.approve",
        user=actor,
        data={
            "old_name": old_name,
            "new_name": operator.get_full_name(),
            "reason": reason,
        },
    )
    return name_request


@transaction.atomic
def reject_name_change(
    *, actor: User, name_request: NameChangeRequest, reason: str
) -> NameChangeRequest:
    """Keep the operator's name; the reason tells them why."""
    if not reason.strip():
        raise NameChangeError(
            _("Write why the request is rejected; the operator reads it.")
        )
    name_request, operator = _pending_request_to_decide(
        actor=actor, name_request=name_request
    )
    name_request.status = NameChangeRequest.Status.REJECTED
    name_request.decided_by, name_request.decided_at = actor, timezone.now()
    name_request.reason = reason.strip()
    name_request.save()
    log(
        instance=operator,
        action="literasi.name_change.reject",
        user=actor,
        data={"requested_name": name_request.requested_name, "reason": reason},
    )
    return name_request


# Sign-in throttling ------------------------------------------------------------------
# One counter per account, whatever identifier was typed (username in any case, phone in
# any form), counted BEFORE the password is checked: parallel requests cannot check more
# passwords than the limit. When the limit is reached the account is locked for a fixed
# time on every device it never signed in from; failures during the lock are not
# counted, so they cannot extend it. A phone that signed in to the account before
# presents a device cookie and is counted on its own counter (OWASP "device cookies"):
# an attacker elsewhere cannot lock the owner out. One address may fail many times (a
# workshop hall shares one router) but not without end.


@dataclass(frozen=True)
class LoginAttempt:
    """Who a sign-in attempt is counted against."""

    account_id: int | None  # None: no account has this identifier
    identifier: str  # as typed, spaces trimmed
    device: str | None = None  # the nonce of a valid device cookie for this account
    address: str | None = None  # the client's address bucket (lms.shared.ratelimit)

    @property
    def counter_key(self) -> str:
        if self.account_id is None:
            phone = normalize_phone(self.identifier)
            subject = "unknown:" + (phone or self.identifier.strip().lower())
        elif self.device:
            subject = f"device:{self.account_id}:{self.device}"
        else:
            subject = f"account:{self.account_id}"
        return "login-failures:" + hashlib.sha256(subject.encode()).hexdigest()[:32]

    @property
    def lock_key(self) -> str:
        return "login-lock:" + self.counter_key.partition(":")[2]

    @property
    def address_key(self) -> str | None:
        if self.address is None:
            return None
        digest = hashlib.sha256(self.address.encode()).hexdigest()[:32]
        return "login-address-failures:" + digest


def _settings_value(name, default):
    return getattr(settings, name, default)


def login_failures_allowed() -> int:
    return _settings_value("LOGIN_FAILURES_ALLOWED", 5)


def login_lock_seconds() -> int:
    return _settings_value("LOGIN_LOCK_SECONDS", 15 * 60)


def _address_exhausted(attempt):
    if attempt.address_key is None or attempt.device:
        # A phone the account signed in from before is not held back by its router.
        return False
    limit = _settings_value("LOGIN_ADDRESS_FAILURES_ALLOWED", 300)
    return cache.get(attempt.address_key, 0) >= limit


def check_password_guarded(*, attempt: LoginAttempt, check: Callable[[], bool]) -> bool:
    """Count the attempt, then run `check` (password right and account may sign in)
    only while the count allows; True when it passed.

    The count is taken first and atomically (cache.add + cache.incr: Redis INCR in
    production), so however many requests arrive at once, at most
    `LOGIN_FAILURES_ALLOWED` of them reach `check` per window. A locked attempt is
    refused without a check and without being counted: the lock ends
    `LOGIN_LOCK_SECONDS` after it started, whatever is tried meanwhile.
    """
    seconds = login_lock_seconds()
    if cache.get(attempt.lock_key) is not None or _address_exhausted(attempt):
        return False
    failures = count_attempt(attempt.counter_key, seconds=seconds)
    allowed = login_failures_allowed()
    if failures > allowed:
        # Parallel requests past the limit: refused unchecked; the lock starts now
        # unless the request that reached the limit started it already.
        cache.add(attempt.lock_key, True, timeout=seconds)
        return False
    if check():
        cache.delete(attempt.counter_key)
        return True
    if failures >= allowed:
        # `add` never overwrites: a lock runs its fixed time from when it began. The
        # counter started earlier, so it expires before the lock ends.
        cache.add(attempt.lock_key, True, timeout=seconds)
    if attempt.address_key is not None and not attempt.device:
        count_attempt(attempt.address_key, seconds=seconds)
    return False


# Device cookies ----------------------------------------------------------------------
DEVICE_COOKIE_SALT = "accounts.device-cookie"


def make_device_cookie(*, user_id: int) -> str:
    """A signed value naming the account and a random nonce, for this browser."""
    return signing.dumps(
        {"u": user_id, "n": secrets.token_urlsafe(16)}, salt=DEVICE_COOKIE_SALT
    )


def device_nonce(*, cookie: str | None, user_id: int) -> str | None:
    """The nonce of a valid, unexpired device cookie for this account, or None."""
    if not cookie:
        return None
    max_age = _settings_value("LOGIN_DEVICE_COOKIE_DAYS", 365) * 24 * 60 * 60
    try:
        value = signing.loads(cookie, salt=DEVICE_COOKIE_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("u") != user_id:
        return None
    nonce = value.get("n")
    return nonce if isinstance(nonce, str) and nonce else None


# Sign-in cards -----------------------------------------------------------------------
# A printed QR code that signs one operator in once, for a hall where 80 people arrive
# together: the token is 128 random bits, so it is stored as a plain SHA-256 digest
# and checked with one indexed lookup instead of a slow password hash.
SIGN_IN_CARD_TOKEN_BYTES = 16  # 128 bits
# A card handed out with a first-login sheet (no workshop day to end with).
SIGN_IN_CARD_SHEET_DAYS = 7
SIGN_IN_CARD_MAX_DAYS = 31


@dataclass
class IssuedCard:
    """A new card: the token exists only here, to be printed now."""

    user: User
    token: str
    expires_at: datetime.datetime

    @property
    def url(self) -> str:
        return sign_in_card_url(token=self.token)


def sign_in_card_url(*, token: str) -> str:
    """The full address a card's QR code holds (the site's public base URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "accounts:sign_in_card", args=[token]
    )


@transaction.atomic
def issue_sign_in_cards(
    *,
    actor: User,
    users: Iterable[User],
    valid_until: datetime.datetime,
    workshop_id: int | None = None,
) -> list[IssuedCard]:
    """New sign-in cards for operators in the actor's reach, valid until `valid_until`.

    All or nothing: an operator outside the actor's region refuses the whole batch.
    A card not used yet is replaced: the newest printed card is the only one that
    works, so a reprint makes the lost or misprinted one useless.
    """
    now = timezone.now()
    if valid_until <= now:
        raise SignInCardError(
            _("A sign-in card must be valid until a moment in the future.")
        )
    if valid_until > now + datetime.timedelta(days=SIGN_IN_CARD_MAX_DAYS):
        raise SignInCardError(
            _("A sign-in card may be valid for at most %(days)s days.")
            % {"days": SIGN_IN_CARD_MAX_DAYS}
        )
    ids = {user.pk for user in users}
    # Locked, so a double click cannot leave two live cards for one operator.
    operators = list(
        User.objects.select_for_update(of=("self",))
        .select_related("region")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(operators) != len(ids) or not all(
        sign_in_card_policy.user_may_issue_for(actor, operator)
        for operator in operators
    ):
        raise PermissionDenied(
            _("You may only print sign-in cards for operators in your own region.")
        )
    inactive = [
        operator.display_name for operator in operators if not operator.is_active
    ]
    if inactive:
        raise SignInCardError(
            _("Deactivated accounts get no sign-in card: %(names)s.")
            % {"names": ", ".join(inactive)}
        )
    SignInCard.objects.filter(
        user__in=operators, used_at__isnull=True, replaced_at__isnull=True
    ).update(replaced_at=now)
    issued = [
        IssuedCard(
            user=operator,
            token=secrets.token_urlsafe(SIGN_IN_CARD_TOKEN_BYTES),
            expires_at=valid_until,
        )
        for operator in operators
    ]
    SignInCard.objects.bulk_create(
        SignInCard(
            user=card.user,
            token_digest=sign_in_card_digest(card.token),
            created_by=actor,
            created_at=now,
            expires_at=valid_until,
            workshop_id=workshop_id,
        )
        for card in issued
    )
    for card in issued:
        log(
            instance=card.user,
            action="literasi.sign_in_card.issue",
            user=actor,
            data={"valid_until": valid_until.isoformat(), "workshop_id": workshop_id},
        )
    return issued


@transaction.atomic
def sign_in_with_card(*, token: str) -> User:
    """The operator a card signs in, the card used up; raises `SignInCardError`.

    The card is marked used by one conditional UPDATE: of two phones scanning the
    same card at once, exactly one gets in, the other is told the card was used.
    """
    now = timezone.now()
    card = usable_sign_in_card(token=token, now=now)
    used = SignInCard.objects.filter(
        pk=card.pk,
        used_at__isnull=True,
        replaced_at__isnull=True,
        expires_at__gt=now,
    ).update(used_at=now)
    if not used:
        usable_sign_in_card(token=token, now=now)  # raises with the reason
        raise SignInCardError(_("This sign-in card was already used."))
    log(
        instance=card.user,
        action="literasi.sign_in_card.use",
        user=card.user,
        data={"card": card.pk},
    )
    return card.user


def change_own_email(*, user: User, email: str) -> bool:
    """Set the user's own email address ("" for none); logged. Returns True if changed."""
    email = email.strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise DomainError(
                _(
                    "Write a whole email address, e.g. nama@contoh.id, or leave it empty."
                )
            ) from None
    if len(email) > 254:
        raise DomainError(_("The email address is too long: at most 254 characters."))
    if email == user.email:
        return False
    user.email = email
    user.save(update_fields=["email"])
    log(instance=user, action="wagtail.edit", user=user, data={"field": "email"})
    return True
