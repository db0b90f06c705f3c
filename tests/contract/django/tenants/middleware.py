from django.http import JsonResponse

from .models import Tenant

# Hosts that belong to no tenant (the original's "public" schema).
PUBLIC_HOSTS = {"localhost", "127.0.0.1"}
# The only API route the public host serves.
PUBLIC_API_ROUTES = {("POST", "/api/v1/tenants/info/")}
FIXTURE_PREFIX = "/__fixture__/"


def host_without_port(request):
    # get_host() validates ALLOWED_HOSTS first (DisallowedHost -> 400 "Bad Request (400)").
    host = request.get_host().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".")


class TenantMiddleware:
    """Chooses the tenant from the first DNS label of the Host and sets request.tenant.

    The seed backend switched the Postgres search_path here; this stand-in keeps the
    tenant on the request and scopes every lookup by it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        if request.path.startswith(FIXTURE_PREFIX):
            return self.get_response(request)

        host = host_without_port(request)
        if host in PUBLIC_HOSTS:
            if request.path.startswith("/api/") and (
                (request.method, request.path) not in PUBLIC_API_ROUTES
            ):
                return JsonResponse(
                    {
                        "detail": "This endpoint needs a tenant host such as acme.localhost.",
                        "code": "tenant_required",
                    },
                    status=404,
                )
            return self.get_response(request)

        tenant = Tenant.objects.filter(schema=host.split(".")[0]).first()
        if tenant is None:
            return JsonResponse(
                {"detail": f"No tenant matches the host '{host}'.", "code": "tenant_not_found"},
                status=404,
            )
        if not tenant.is_active:
            return JsonResponse(
                {
                    "detail": "It appears your organization is inactive, "
                    "please contact support to rectify this.",
                    "code": "tenant_inactive",
                },
                status=403,
            )
        request.tenant = tenant
        return self.get_response(request)
