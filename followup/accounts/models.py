"""Organizations (tenants), departments, users with roles, API tokens, login throttling."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Organization(models.Model):
    """A tenant. Every record of Followup belongs to exactly one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    tasks_enabled = models.BooleanField(
        _("task module enabled"), default=True,
        help_text=_("D12: the task module is a feature switched on per organization."),
    )
    statuses_enabled = models.BooleanField(
        _("status handling"), default=True,
        help_text=_("L6: with status handling off, tasks are simply open or done and nobody picks a status."),
    )
    # §4: the lead's organization-created hook names the seeded records in this language.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("The language of the names a new organization starts with (task statuses, types, "
                    "sales stages), and of its people who have not chosen one."),
    )
    # A1, A6: the organization's days (a trigger's "N days before", an overdue date) are counted here.
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name


class Department(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=200)
    head = models.ForeignKey(
        "accounts.User", verbose_name=_("head"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="headed_departments",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name"),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    MANAGER = "manager", _("Company manager")
    OPERATOR = "operator", _("Task operator")
    ADMIN = "admin", _("Administrator")


#: The columns a person's name, initials and an API reference need: what a list or a page reads
#: of the users it names (``.only(*NAME_COLUMNS)``), rather than the whole row.
NAME_COLUMNS = ("id", "username", "first_name", "last_name")


class PersonNames:
    """How a person is named on screen; shared by ``User`` and the light ``Person`` rows that
    the people pickers use (see ``followup.accounts.selectors.people_search``)."""

    first_name: str
    last_name: str
    username: str

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.username

    @property
    def initials(self) -> str:
        parts = [p for p in (self.first_name, self.last_name) if p] or [self.username]
        return "".join(p[0] for p in parts[:2]).upper()


class User(PersonNames, AbstractUser):
    """A person who works in one organization and one department."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="users", null=True, blank=True,
        help_text=_("Empty only for platform superusers."),
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="members",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("Pages and e-mails are in this language. Empty until the person chooses one or "
                    "first signs in (then the browser's language is kept)."),
    )

    # L7: someone shares tasks with this person (kept by ``followup.sharing.services``). Loaded
    # with the user, so the task lists of everyone else pay nothing for sharing.
    receives_shares = models.BooleanField(default=False, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["organization", "is_active"], name="user_org_active")]

    def __str__(self):
        return self.display_name

    @property
    def preferred_language(self) -> str:
        """§4: the language to speak to this person in, on a page or in an e-mail: their own
        choice, else their organization's, else the site's default."""
        org_language = self.organization.language if self.organization_id else ""
        return self.language or org_language or settings.LANGUAGE_CODE

    @property
    def sees_all_tasks(self) -> bool:
        """J3: company managers (and administrators) see every object of the organization."""
        return self.role in (Role.MANAGER, Role.ADMIN)

    @property
    def edits_all_tasks(self) -> bool:
        """J4: task operators, managers and administrators edit other users' objects."""
        return self.role in (Role.MANAGER, Role.OPERATOR, Role.ADMIN)

    @property
    def sees_every_task(self) -> bool:
        """J3, J4: whoever sees or edits every object sees every task, memo and project: no
        visibility rule applies to them."""
        return self.sees_all_tasks or self.edits_all_tasks

    @property
    def is_org_admin(self) -> bool:
        return self.role == Role.ADMIN


class Team(models.Model):
    """B2: a named group of people that assignment rules share work among (round-robin,
    least-loaded). Unlike a department it is not a line of reporting: a person may be in
    several teams. Written only through ``followup.accounts.teams``."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(User, verbose_name=_("members"), related_name="teams", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="team_unique_name")]

    def __str__(self):
        return self.name


class ApiToken(models.Model):
    """A personal access token. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class LoginFailure(models.Model):
    """One failed login (or one being checked right now), kept a short while to throttle
    password guessing per (username, client) and per client (followup/accounts/throttle.py)."""

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True)
    # The client as the throttle counts it: an IPv4 address or an IPv6 /64 (core/clientaddr.py).
    client_network = models.CharField(max_length=64, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["client_network", "created_at"], name="loginfailure_client_time"),
            models.Index(fields=["client_network", "username", "created_at"], name="loginfailure_client_user_time"),
        ]
