"""The named people of the access tests (after healthchecks' hc/test.py):

alice, administrator of organisation A; bob, buyer of organisation A in another department;
charlie, administrator of organisation B. An anonymous visitor is a client without login.
Other apps import these fixtures and override `admin_role` to make alice and charlie the
administrators of what they test."""

from accounts.tests.factories import admin_role, alice, bob, charlie  # noqa: F401
