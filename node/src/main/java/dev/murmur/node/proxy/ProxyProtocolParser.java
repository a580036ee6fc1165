package dev.murmur.node.proxy;

import dev.murmur.node.proxy.ProxyParseResult.Malformed;
import dev.murmur.node.proxy.ProxyParseResult.NeedMore;
import dev.murmur.node.proxy.ProxyParseResult.Parsed;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Parses PROXY protocol v1 (text) and v2 (binary) headers as specified by HAProxy
 * (proxy-protocol.txt), from the start of a connection's bytes. Every length is checked against
 * what has arrived before it is trusted; nothing here throws on bad input.
 */
public final class ProxyProtocolParser {
    /** v1: "PROXY " ... CRLF, at most 107 bytes (spec section 2.1). */
    static final int V1_MAX_LENGTH = 107;
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int V2_FIXED = 16;
    private static final int V2_VERSION = 0x2;
    private static final int CMD_LOCAL = 0x0;
    private static final int CMD_PROXY = 0x1;
    private static final int FAM_UNSPEC = 0x0;
    private static final int FAM_INET = 0x1;
    private static final int FAM_INET6 = 0x2;
    private static final int FAM_UNIX = 0x3;
    private static final int INET_ADDRESSES = 12;
    private static final int INET6_ADDRESSES = 36;
    private static final int UNIX_ADDRESSES = 216;
    private static final int MAX_PORT = 65_535;

    private final int maxHeaderLength;

    /** @param maxHeaderLength longest v2 header accepted (fixed part, addresses and TLVs) */
    public ProxyProtocolParser(int maxHeaderLength) {
        this.maxHeaderLength = maxHeaderLength;
    }

    public ProxyParseResult parse(byte[] b, int len) {
        if (len == 0) {
            return NeedMore.INSTANCE;
        }
        if (startsWith(b, len, V1_PREFIX)) {
            return len >= V1_PREFIX.length ? parseV1(b, len) : NeedMore.INSTANCE;
        }
        if (startsWith(b, len, V2_SIGNATURE)) {
            return len >= V2_FIXED ? parseV2(b, len) : NeedMore.INSTANCE;
        }
        return new Malformed("missing PROXY header");
    }

    /** True when the first min(len, prefix) bytes agree with {@code prefix}. */
    private static boolean startsWith(byte[] b, int len, byte[] prefix) {
        for (int i = 0; i < Math.min(len, prefix.length); i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ProxyParseResult parseV1(byte[] b, int len) {
        int end = -1;
        for (int i = 0; i < Math.min(len, V1_MAX_LENGTH) - 1; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return len >= V1_MAX_LENGTH ? new Malformed("v1 header longer than 107 bytes") : NeedMore.INSTANCE;
        }
        String[] f = new String(b, 0, end, StandardCharsets.US_ASCII).split(" ", -1);
        if (f.length >= 2 && "UNKNOWN".equals(f[1])) {
            return new Parsed(new ProxyHeader(1, null, null, null), end + 2);
        }
        if (f.length != 6 || !"TCP4".equals(f[1]) && !"TCP6".equals(f[1])) {
            return new Malformed("v1 header needs PROXY TCP4|TCP6 src dst sport dport");
        }
        InetAddress src = v1Address(f[2], "TCP4".equals(f[1]));
        InetAddress dst = v1Address(f[3], "TCP4".equals(f[1]));
        int sport = v1Port(f[4]);
        int dport = v1Port(f[5]);
        if (src == null || dst == null || sport < 0 || dport < 0) {
            return new Malformed("v1 header with an invalid address or port");
        }
        return new Parsed(new ProxyHeader(1, new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport), null),
                end + 2);
    }

    private static InetAddress v1Address(String s, boolean v4) {
        boolean ok = !s.isEmpty() && s.chars().allMatch(ch -> v4 ? ch == '.' || Character.isDigit(ch)
                : ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0);
        if (!ok) {
            return null; // never resolve names
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return v4 == (a.getAddress().length == 4) ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int v1Port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit) || s.length() > 1 && s.charAt(0) == '0') {
            return -1;
        }
        int p = Integer.parseInt(s);
        return p <= MAX_PORT ? p : -1;
    }

    private ProxyParseResult parseV2(byte[] b, int len) {
        int verCmd = b[12] & 0xFF;
        if (verCmd >> 4 != V2_VERSION) {
            return new Malformed("v2 header with version " + (verCmd >> 4));
        }
        int cmd = verCmd & 0x0F;
        if (cmd != CMD_LOCAL && cmd != CMD_PROXY) {
            return new Malformed("v2 header with unknown command " + cmd);
        }
        int family = (b[13] & 0xFF) >> 4;
        int bodyLength = (b[14] & 0xFF) << 8 | b[15] & 0xFF;
        int total = V2_FIXED + bodyLength;
        if (total > maxHeaderLength) {
            return new Malformed("v2 header of " + total + " bytes exceeds " + maxHeaderLength);
        }
        if (len < total) {
            return NeedMore.INSTANCE;
        }
        int addrLength = switch (family) {
            case FAM_INET -> INET_ADDRESSES;
            case FAM_INET6 -> INET6_ADDRESSES;
            case FAM_UNIX -> UNIX_ADDRESSES;
            case FAM_UNSPEC -> 0;
            default -> -1;
        };
        if (addrLength < 0 || bodyLength < addrLength) {
            return new Malformed("v2 header too short for address family " + family);
        }
        ProxyV2Tlvs.Result tlvs = ProxyV2Tlvs.read(b, V2_FIXED + addrLength, total);
        if (tlvs.error() != null) {
            return new Malformed(tlvs.error());
        }
        if (tlvs.crcOffset() >= 0 && !ProxyV2Tlvs.crcMatches(b, total, tlvs.crcOffset())) {
            return new Malformed("v2 header CRC32C mismatch");
        }
        if (cmd == CMD_LOCAL || family == FAM_UNSPEC || family == FAM_UNIX) {
            return new Parsed(new ProxyHeader(2, null, null, tlvs.ssl()), total);
        }
        int size = family == FAM_INET ? 4 : 16;
        InetSocketAddress src = socketAddress(b, V2_FIXED, size, V2_FIXED + 2 * size);
        InetSocketAddress dst = socketAddress(b, V2_FIXED + size, size, V2_FIXED + 2 * size + 2);
        return new Parsed(new ProxyHeader(2, src, dst, tlvs.ssl()), total);
    }

    private static InetSocketAddress socketAddress(byte[] b, int addrAt, int size, int portAt) {
        byte[] a = new byte[size];
        System.arraycopy(b, addrAt, a, 0, size);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), (b[portAt] & 0xFF) << 8 | b[portAt + 1] & 0xFF);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
