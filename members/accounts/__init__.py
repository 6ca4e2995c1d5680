"""Signing in and staying signed in: the lockout page, session limits, the admin's second
factor (TOTP), password change and the API's revocable tokens."""
