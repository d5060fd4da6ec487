"""Accounts: django-allauth configured for the portal (adapters, MFA rule)."""
