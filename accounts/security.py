from .models import normalise_email


def lockout_username(request, credentials):
    """The account a login attempt is counted against: the e-mail as stored (lower case), so
    that varying the case of the address does not give five more tries."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_email(value) if value else None
