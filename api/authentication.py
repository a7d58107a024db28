"""Token authentication: knox's hashed, expiring tokens, with the time of last use kept and
French messages."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox import auth as knox_auth
from rest_framework import exceptions

from .models import ApiToken

# The last use is written at most this often per token: not one UPDATE per request.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


class TokenAuthentication(knox_auth.TokenAuthentication):
    """`Authorization: Token <token>`; an unknown, revoked or expired token is refused (401)."""

    def authenticate_credentials(self, token):
        try:
            user, auth_token = super().authenticate_credentials(token)
        except (exceptions.AuthenticationFailed, UnicodeDecodeError) as failure:
            raise exceptions.AuthenticationFailed(
                _("Jeton inconnu, révoqué ou expiré.")
            ) from failure
        self._record_use(auth_token)
        return user, auth_token

    def validate_user(self, auth_token):
        if not auth_token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Ce compte est désactivé."))
        return auth_token.user, auth_token

    @staticmethod
    def _record_use(auth_token: ApiToken) -> None:
        now = timezone.now()
        if auth_token.last_used_at is None or now - auth_token.last_used_at > LAST_USE_PRECISION:
            ApiToken.objects.filter(pk=auth_token.pk).update(last_used_at=now)
            auth_token.last_used_at = now
