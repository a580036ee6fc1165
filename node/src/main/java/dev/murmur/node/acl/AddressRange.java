package dev.murmur.node.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address or CIDR block ("10.0.0.0/8", "2001:db8::/32", "127.0.0.1"); never a host name. */
record AddressRange(byte[] network, int prefixBits) {

    /** Null when {@code text} is not a literal address with an optional prefix length. */
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (addr.isEmpty() || !addr.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
            return null; // a name would be resolved through DNS: not in an ACL
        }
        try {
            byte[] bytes = InetAddress.getByName(addr).getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return bits < 0 || bits > bytes.length * 8 ? null : new AddressRange(bytes, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }
}
