"""The audit log (审计日志): logins, refusals, ID reveals, downloads, role changes and status
changes, recorded by one function (``actions.audit_record``) and read only by the audit
administrator."""
