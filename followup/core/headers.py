"""The Content-Security-Policy header (§3.5) on every page and API answer.

The policy itself is ``settings.CONTENT_SECURITY_POLICY`` (the reasons for each directive are
there). A response that sets its own policy keeps it: a chat attachment is served with
``default-src 'none'; sandbox``, stricter than any page.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER in response:
            return response
        if settings.DEBUG and response.status_code in (404, 500) and "html" in response.get("Content-Type", ""):
            # With DEBUG on, these are Django's technical pages, made of inline scripts and styles.
            return response
        response[HEADER] = settings.CONTENT_SECURITY_POLICY
        return response
