"""Where webhooks may go: public addresses only, unless a setting allows private ones.

A webhook URL is chosen by the submitter, so without this check the service could be made
to POST into its own network (SSRF). The host is resolved and every address it resolves
to is checked, at submission (the API answers 422) and again just before each delivery
(DNS may have changed since). Redirects are never followed (activities/notify.py).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class WebhookNotAllowed(Exception):
    """The target is refused for good: a private address, or not an http(s) URL."""


class WebhookUnresolvable(Exception):
    """The host name did not resolve now; it may later (DNS is sometimes down)."""


# IPv6 prefixes whose last 32 bits are an IPv4 address the traffic ends up at (NAT64).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible):
    a packet to it may reach them, so they must be public too."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if any(address in net for net in _NAT64) or address in _IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def _own_reason(address: IpAddress) -> str | None:
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("private", address.is_private),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("unspecified", address.is_unspecified),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
    )
    for name, hit in checks:
        if hit:
            return f"{name} address {address}"
    if not address.is_global:
        return f"non-public address {address}"
    return None


def forbidden_reason(address: IpAddress) -> str | None:
    """Why this address may not receive webhooks, or None if it is public.

    An IPv6 address is refused when it, or any IPv4 address it embeds, is not public.
    """
    if isinstance(address, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(address):
            reason = _own_reason(inner)
            if reason is not None:
                return f"{reason} (inside {address})"
    return _own_reason(address)


async def resolve(host: str, port: int) -> list[IpAddress]:
    """Every address the host resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise WebhookUnresolvable(f"the webhook host {host!r} does not resolve") from error
    addresses = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        addresses.append(ipaddress.ip_address(raw))
    if not addresses:
        raise WebhookUnresolvable(f"the webhook host {host!r} has no address")
    return addresses


async def check_target(url: str, *, allow_private: bool) -> None:
    """Raise WebhookNotAllowed (or WebhookUnresolvable) unless ``url`` may receive webhooks."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookNotAllowed("the webhook URL must be an absolute http(s) URL")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise WebhookNotAllowed("the webhook URL has an invalid port") from error
    for address in await resolve(parts.hostname, port):
        reason = forbidden_reason(address)
        if reason is not None:
            raise WebhookNotAllowed(f"webhooks may not go to a {reason}")
