package dev.sandpod.net;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 prefix such as {@code 10.200.3.0/24}, or an address with its prefix length such as {@code 10.200.3.2/24}.
 * {@link #parse} keeps the host bits; {@link #network()} clears them.
 */
public record Ipv4Cidr(int address, int prefixLength) {
    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, not " + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/n}, or {@code a.b.c.d} as a /32. */
    public static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 prefix: " + text);
        }
        return new Ipv4Cidr(parseAddress(ip, text), prefix);
    }

    private static int parseAddress(String ip, String whole) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + whole);
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + whole);
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException("not an IPv4 address: " + whole);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** The prefix with host bits cleared. */
    public Ipv4Cidr network() {
        return new Ipv4Cidr(address & mask(), prefixLength);
    }

    /** The {@code n}-th address of this network ({@code host(1)} is the usual gateway). */
    public String host(int n) {
        return format(network().address + n);
    }

    /** The address without prefix length, {@code 10.200.3.2}. */
    public String ip() {
        return format(address);
    }

    public boolean contains(String ip) {
        return (parseAddress(ip, ip) & mask()) == (address & mask());
    }

    public boolean overlaps(Ipv4Cidr other) {
        int shorter = Math.min(prefixLength, other.prefixLength);
        int m = shorter == 0 ? 0 : -1 << (32 - shorter);
        return (address & m) == (other.address & m);
    }

    /** This network split into prefixes of {@code length}, in address order. */
    public List<Ipv4Cidr> split(int length) {
        if (length < prefixLength || length > 30) {
            throw new IllegalArgumentException("cannot split /" + prefixLength + " into /" + length + " subnets");
        }
        int count = 1 << (length - prefixLength);
        List<Ipv4Cidr> subnets = new ArrayList<>(count);
        int base = network().address;
        for (int i = 0; i < count; i++) {
            subnets.add(new Ipv4Cidr(base + (i << (32 - length)), length));
        }
        return subnets;
    }

    private static String format(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    @Override
    public String toString() {
        return ip() + "/" + prefixLength;
    }
}
