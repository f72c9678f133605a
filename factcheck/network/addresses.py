"""Which IP addresses a server may never be fetched from: internal, reserved, or hidden inside IPv6."""

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REFUSED_V4 = tuple(
    (ipaddress.IPv4Network(network), reason)
    for network, reason in (
        ("169.254.169.254/32", "the cloud metadata address"),
        ("255.255.255.255/32", "the broadcast address"),
        ("0.0.0.0/8", "a 'this network' address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "a reserved protocol address"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.88.99.0/24", "a 6to4 relay address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
    )
)
_REFUSED_V6 = tuple(
    (ipaddress.IPv6Network(network), reason)
    for network, reason in (
        ("::1/128", "a loopback address"),
        ("::/128", "the unspecified address"),
        ("64:ff9b:1::/48", "a local NAT64 address"),
        ("fc00::/7", "a private (unique local) address"),
        ("fe80::/10", "a link-local address"),
        ("ff00::/8", "a multicast address"),
        ("2001:db8::/32", "a documentation address"),
        ("3fff::/20", "a documentation address"),
    )
)
_GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")
_IETF_PROTOCOL_V6 = ipaddress.IPv6Network("2001::/23")
_NAT64_V6 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE_V6 = ipaddress.IPv6Network("::/96")


def _hidden_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside an IPv6 address (mapped, NAT64, 6to4, Teredo, compatible)."""
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address in _NAT64_V6 or address in _IPV4_COMPATIBLE_V6:
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)
    return []


def address_refusal(address: IPAddress) -> str | None:
    """Why an address must not be fetched from (e.g. 'a private address'), or None if public."""
    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    reason: str | None
    if address.version == 4:
        for network, reason in _REFUSED_V4:
            if address in network:
                return reason
        return None
    for network, reason in _REFUSED_V6:
        if address in network:
            return reason
    hidden = _hidden_ipv4(address)
    if hidden:
        for inner in hidden:
            reason = address_refusal(inner)
            if reason is not None:
                return f"an IPv6 address hiding {inner}, {reason}"
        return None
    if address not in _GLOBAL_UNICAST_V6:
        return "a reserved address"
    if address in _IETF_PROTOCOL_V6:
        return "a reserved protocol address"
    return None
