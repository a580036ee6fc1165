package dev.murmur.node.proxy;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** The TLV section of a PROXY v2 header: the SSL TLV is read, CRC32C located, others skipped. */
final class ProxyV2Tlvs {
    private static final int PP2_TYPE_CRC32C = 0x03;
    private static final int PP2_TYPE_SSL = 0x20;
    private static final int PP2_SUBTYPE_SSL_VERSION = 0x21;
    private static final int PP2_SUBTYPE_SSL_CN = 0x22;
    private static final int PP2_CLIENT_SSL = 0x01;
    private static final int PP2_CLIENT_CERT_CONN = 0x02;
    private static final int PP2_CLIENT_CERT_SESS = 0x04;
    private static final int TLV_HEADER = 3;
    private static final int CRC_LENGTH = 4;
    /** client (1 byte) and verify (4 bytes) precede the SSL sub-TLVs. */
    private static final int SSL_FIXED = 5;

    private ProxyV2Tlvs() {
    }

    /** The SSL TLV (or null), where the CRC32C value sits (or -1), or what is wrong. */
    record Result(ProxyHeader.Ssl ssl, int crcOffset, String error) {
    }

    static Result read(byte[] b, int from, int end) {
        ProxyHeader.Ssl ssl = null;
        int crcOffset = -1;
        int i = from;
        while (i < end) {
            if (end - i < TLV_HEADER) {
                return new Result(null, -1, "v2 TLV header cut short");
            }
            int type = b[i] & 0xFF;
            int length = (b[i + 1] & 0xFF) << 8 | b[i + 2] & 0xFF;
            int value = i + TLV_HEADER;
            if (value + length > end) {
                return new Result(null, -1, "v2 TLV 0x" + Integer.toHexString(type) + " longer than the header");
            }
            if (type == PP2_TYPE_CRC32C) {
                if (length != CRC_LENGTH) {
                    return new Result(null, -1, "v2 CRC32C TLV of length " + length);
                }
                crcOffset = value;
            } else if (type == PP2_TYPE_SSL) {
                ssl = ssl(b, value, value + length);
                if (ssl == null) {
                    return new Result(null, -1, "v2 SSL TLV malformed");
                }
            }
            i = value + length;
        }
        return new Result(ssl, crcOffset, null);
    }

    private static ProxyHeader.Ssl ssl(byte[] b, int from, int end) {
        if (end - from < SSL_FIXED) {
            return null;
        }
        int client = b[from] & 0xFF;
        long verify = (b[from + 1] & 0xFFL) << 24 | (b[from + 2] & 0xFFL) << 16 | (b[from + 3] & 0xFFL) << 8
                | b[from + 4] & 0xFFL;
        String version = null;
        String cn = null;
        int i = from + SSL_FIXED;
        while (i < end) {
            if (end - i < TLV_HEADER) {
                return null;
            }
            int type = b[i] & 0xFF;
            int length = (b[i + 1] & 0xFF) << 8 | b[i + 2] & 0xFF;
            int value = i + TLV_HEADER;
            if (value + length > end) {
                return null;
            }
            if (type == PP2_SUBTYPE_SSL_VERSION) {
                version = new String(b, value, length, StandardCharsets.US_ASCII);
            } else if (type == PP2_SUBTYPE_SSL_CN) {
                cn = new String(b, value, length, StandardCharsets.UTF_8);
            }
            i = value + length;
        }
        return new ProxyHeader.Ssl((client & PP2_CLIENT_SSL) != 0,
                (client & (PP2_CLIENT_CERT_CONN | PP2_CLIENT_CERT_SESS)) != 0, verify, version, cn);
    }

    /** CRC32C over the whole header with the checksum field taken as zero (spec 2.2.4). */
    static boolean crcMatches(byte[] b, int total, int crcOffset) {
        long expected = (b[crcOffset] & 0xFFL) << 24 | (b[crcOffset + 1] & 0xFFL) << 16
                | (b[crcOffset + 2] & 0xFFL) << 8 | b[crcOffset + 3] & 0xFFL;
        CRC32C crc = new CRC32C();
        crc.update(b, 0, crcOffset);
        crc.update(new byte[CRC_LENGTH], 0, CRC_LENGTH);
        crc.update(b, crcOffset + CRC_LENGTH, total - crcOffset - CRC_LENGTH);
        return crc.getValue() == expected;
    }
}
