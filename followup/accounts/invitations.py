"""L8: inviting a person by e-mail. The administrator names them; Followup makes their account
with no password and e-mails them a link (``followup.setup.people.person_invite``) to a page
where they choose one and are signed in.

The link is Django's password-reset token machinery with a salt of its own (a reset link is no
invitation and the other way round). Its hash covers the password and the last sign-in, so a
link works until it is used, and for ``PASSWORD_RESET_TIMEOUT`` (three days); an administrator
may send a new one. The username is the e-mail address, which is how the invitee signs in.
"""

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from followup.accounts.access import ensure_admin
from followup.accounts.models import Role, User
from followup.accounts.people import department_or_error
from followup.core.exceptions import FieldErrors

USERNAME_MAX = User._meta.get_field("username").max_length
NAME_MAX = User._meta.get_field("first_name").max_length


class InvitationTokens(PasswordResetTokenGenerator):
    key_salt = "followup.accounts.invitations.InvitationTokens"


invitation_tokens = InvitationTokens()


def is_invited(user: User) -> bool:
    """Invited and not yet arrived: no password chosen, never signed in."""
    return user.is_active and not user.has_usable_password() and user.last_login is None


def invitation_path(user: User) -> str:
    """The page (a path; e-mails make it absolute) where the invitee chooses their password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("invitation_accept", args=[uid, invitation_tokens.make_token(user)])


def invitation_user(uidb64: str, token: str) -> User | None:
    """The invited person a link is for, or ``None`` for a link that is wrong, used or too old."""
    try:
        user = User.objects.select_related("organization").get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (User.DoesNotExist, TypeError, ValueError, OverflowError):
        return None
    if not is_invited(user) or not invitation_tokens.check_token(user, token):
        return None
    return user


def _email(raw, errors: dict) -> str:
    email = (raw or "").strip().lower()
    if not email:
        errors["email"] = [_("Enter the e-mail address the invitation goes to.")]
        return email
    try:
        validate_email(email)
        if len(email) > USERNAME_MAX:
            raise ValidationError("too long")
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
        return email
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("Someone with this e-mail address has an account already.")]
    return email


def user_invite(*, actor: User, email: str, first_name: str = "", last_name: str = "",
                role: str = Role.MEMBER, department_id: int | None = None) -> User:
    """A new person of the actor's organization who has yet to choose a password; every bad
    field is named at once."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    email = _email(email, errors)
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if len(value) > NAME_MAX:
            errors[field] = [_("Enter at most %(n)s characters.") % {"n": NAME_MAX}]
    if role not in Role.values:
        errors["role"] = [_("Choose one of the roles.")]
    department = department_or_error(actor, department_id, errors)
    if errors:
        raise FieldErrors(errors)
    user = User(organization_id=actor.organization_id, username=email, email=email, first_name=first_name,
                last_name=last_name, role=role, is_staff=role == Role.ADMIN, department=department,
                time_zone=actor.time_zone)
    user.set_unusable_password()
    user.save()
    return user


def invitation_accept(*, user: User, password: str, password_again: str) -> User:
    """The invitee chooses their password (Django's password rules apply); the link dies with it."""
    errors: dict[str, list[str]] = {}
    if not password:
        errors["password"] = [_("Choose a password.")]
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
    if password and password != password_again:
        errors["password_again"] = [_("The two passwords differ.")]
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
