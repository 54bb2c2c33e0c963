using System.Net;
using System.Net.Sockets;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// Which IP addresses a webhook may reach: globally reachable unicast only (docs/security.md, "Webhook addresses").
/// The tables follow the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, updated by RFC 8190), read
/// 2026-12: every block there whose "Globally Reachable" is not True is refused, and so are a few that are but where no
/// webhook receiver lives (noted below). IPv6 is refused outside global unicast (2000::/3, RFC 4291 §2.4), so a block
/// registered later is refused until it is listed. IPv6 forms that carry an IPv4 address — IPv4-mapped, NAT64 and 6to4 —
/// are judged by the IPv4 address they lead to.
/// </summary>
public static class PublicAddresses
{
    /// <summary>IPv4 blocks that are not globally reachable, with their source.</summary>
    private static readonly (Block Block, string Source)[] Ipv4Refused =
    [
        (Block.Parse("0.0.0.0/8"), "this network, RFC 791"),
        (Block.Parse("10.0.0.0/8"), "private use, RFC 1918"),
        (Block.Parse("100.64.0.0/10"), "shared address space (carrier-grade NAT), RFC 6598"),
        (Block.Parse("127.0.0.0/8"), "loopback, RFC 1122"),
        (Block.Parse("169.254.0.0/16"), "link local, where cloud metadata services answer, RFC 3927"),
        (Block.Parse("172.16.0.0/12"), "private use, RFC 1918"),

        // The whole block, although its PCP and TURN anycast addresses (192.0.0.9, 192.0.0.10) are globally reachable.
        (Block.Parse("192.0.0.0/24"), "IETF protocol assignments (DS-Lite, NAT64 discovery …), RFC 6890"),
        (Block.Parse("192.0.2.0/24"), "documentation TEST-NET-1, RFC 5737"),
        (Block.Parse("192.88.99.0/24"), "deprecated 6to4 relay anycast, RFC 7526"),
        (Block.Parse("192.168.0.0/16"), "private use, RFC 1918"),
        (Block.Parse("198.18.0.0/15"), "benchmarking, RFC 2544"),
        (Block.Parse("198.51.100.0/24"), "documentation TEST-NET-2, RFC 5737"),
        (Block.Parse("203.0.113.0/24"), "documentation TEST-NET-3, RFC 5737"),
        (Block.Parse("224.0.0.0/4"), "multicast, RFC 5771"),
        (Block.Parse("240.0.0.0/4"), "reserved, and 255.255.255.255 limited broadcast, RFC 1112 and RFC 919"),
    ];

    /// <summary>Blocks inside IPv6 global unicast (2000::/3) that are refused all the same.</summary>
    private static readonly (Block Block, string Source)[] Ipv6Refused =
    [
        // Teredo (2001::/32, RFC 4380), benchmarking (2001:2::/48, RFC 5180), ORCHIDv2 (2001:20::/28, RFC 7343) and
        // the rest of the IETF protocol assignments block: a few of its entries are globally reachable anycast
        // services (AMT, AS112, DRIP), never a webhook receiver.
        (Block.Parse("2001::/23"), "IETF protocol assignments, RFC 2928"),
        (Block.Parse("2001:db8::/32"), "documentation, RFC 3849"),
        (Block.Parse("3fff::/20"), "documentation, RFC 9637"),
    ];

    private static readonly Block GlobalUnicast = Block.Parse("2000::/3");

    /// <summary>IPv4-mapped, RFC 4291 §2.5.5.2: the IPv4 address itself.</summary>
    private static readonly Block Mapped = Block.Parse("::ffff:0:0/96");

    /// <summary>The NAT64 well-known prefix, RFC 6052 §2.1: the IPv4 address in the last 32 bits.</summary>
    private static readonly Block Nat64 = Block.Parse("64:ff9b::/96");

    /// <summary>6to4, RFC 3056 §2: the IPv4 address of the site's router in bits 16–47 (packets go there).</summary>
    private static readonly Block SixToFour = Block.Parse("2002::/16");

    /// <summary>True when a webhook may be delivered to <paramref name="address"/>.</summary>
    public static bool IsPublic(IPAddress address) => Refusal(address) is null;

    /// <summary>Null for a globally reachable address, otherwise the block it is in and why, for the log.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            foreach ((Block block, string source) in Ipv4Refused)
            {
                if (block.Contains(address))
                {
                    return $"{block} ({source})";
                }
            }

            return null;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (Embedded(address) is { } ipv4)
        {
            return Refusal(ipv4) is { } why ? $"{address} leads to {ipv4}: {why}" : null;
        }

        if (!GlobalUnicast.Contains(address))
        {
            // ::, ::1, IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated), IPv4-translated ::ffff:0:a.b.c.d,
            // local-use NAT64 64:ff9b:1::/48 (RFC 8215), discard-only 100::/64 (RFC 6666), SRv6 SIDs 5f00::/16 (RFC 9602),
            // unique local fc00::/7 (RFC 4193), link-local fe80::/10, site-local fec0::/10 (RFC 3879), multicast ff00::/8.
            return "outside IPv6 global unicast 2000::/3 (RFC 4291)";
        }

        foreach ((Block block, string source) in Ipv6Refused)
        {
            if (block.Contains(address))
            {
                return $"{block} ({source})";
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv4-mapped, NAT64 (well-known prefix) or 6to4 address leads to; null for other addresses.</summary>
    public static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return Mapped.Contains(address) || Nat64.Contains(address) ? new IPAddress(bytes[12..])
            : SixToFour.Contains(address) ? new IPAddress(bytes[2..6])
            : null;
    }

    /// <summary>
    /// An address block compared byte by byte. Not <see cref="IPNetwork"/>: its Contains treats IPv4-mapped IPv6
    /// addresses as their IPv4 address (2000::/3 "contains" ::ffff:10.0.0.1, ::ffff:0:0/96 does not), which is the
    /// very confusion these rules exist to avoid.
    /// </summary>
    private readonly struct Block
    {
        private readonly byte[] _prefix;
        private readonly int _bits;

        private Block(byte[] prefix, int bits)
        {
            _prefix = prefix;
            _bits = bits;
        }

        public static Block Parse(string cidr)
        {
            string[] parts = cidr.Split('/');
            return new Block(IPAddress.Parse(parts[0]).GetAddressBytes(), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        public bool Contains(IPAddress address)
        {
            Span<byte> bytes = stackalloc byte[16];
            if (!address.TryWriteBytes(bytes, out int length) || length != _prefix.Length)
            {
                return false;
            }

            int whole = _bits / 8;
            if (!bytes[..whole].SequenceEqual(_prefix.AsSpan(0, whole)))
            {
                return false;
            }

            int rest = _bits % 8;
            byte mask = (byte)(0xFF << (8 - rest));
            return rest == 0 || (bytes[whole] & mask) == (_prefix[whole] & mask);
        }

        public override string ToString() => $"{new IPAddress(_prefix)}/{_bits}";
    }
}
