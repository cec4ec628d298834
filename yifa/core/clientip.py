"""The client's address, as the rate limits, the login lock-out and the audit log see it.

Behind nginx every request comes from the proxy. The address the proxy saw is taken from
X-Forwarded-For only when the request comes from a trusted proxy (YIFA_TRUSTED_PROXIES, networks in
CIDR form): walking the header from the right, the first address that is not itself a trusted proxy
is the client. A client that sends its own X-Forwarded-For straight to the application server is
ignored, and one that prepends a forged address to the proxy's header cannot choose what is read.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted(networks: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(network.strip(), strict=False) for network in networks if network.strip())


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str) -> str:
    networks = _trusted(tuple(settings.YIFA_TRUSTED_PROXIES))
    if not forwarded_for or not _is_trusted(remote_addr, networks):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",")[-20:] if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr  # a malformed hop: keep the proxy's own address rather than guess
    return hops[0] if hops else remote_addr


class TrustedProxyMiddleware:
    """First in the chain: REMOTE_ADDR becomes the client's address for everything after it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        meta["REMOTE_ADDR"] = client_address(meta.get("REMOTE_ADDR", ""), meta.get("HTTP_X_FORWARDED_FOR", ""))
        return self.get_response(request)


def axes_client_ip(request: HttpRequest) -> str:
    """django-axes' client address: the one the middleware settled on."""
    return request.META.get("REMOTE_ADDR", "")
