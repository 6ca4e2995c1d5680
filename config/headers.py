"""Security headers' policies (settings, imported by config/settings.py): static, so kept out of
the settings module as the beat schedule is."""

# Security: Content-Security-Policy (django-csp) and Permissions-Policy. Scripts only from our
# own static files: no inline script, no event attributes, no eval. Our pages have no inline
# styles either; the admin, the API's browsable pages and the Swagger page are third-party
# templates with inline <style> and style attributes, so config.csp adds 'unsafe-inline' to
# style-src on those paths only (an injected style cannot run code; scripts stay strict).
# Images may be data: URIs (the Swagger page's icons, the second-factor QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
CSP_INLINE_STYLE_PATHS = ("/admin/", "/api/")
# Sanlian uses no device feature: every one is off, for our pages and any frame in them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
