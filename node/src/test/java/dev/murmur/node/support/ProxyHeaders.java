package dev.murmur.node.support;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** PROXY protocol headers written by hand from HAProxy's proxy-protocol.txt, for tests. */
public final class ProxyHeaders {
    public static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    public static byte[] v1(String family, String src, String dst, int sport, int dport) {
        return ("PROXY " + family + " " + src + " " + dst + " " + sport + " " + dport + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY (command 1) header over TCP for IPv4 or IPv6 addresses, followed by {@code tlvs}. */
    public static byte[] v2(String src, int sport, String dst, int dport, byte[]... tlvs) throws Exception {
        byte[] s = InetAddress.getByName(src).getAddress();
        byte[] d = InetAddress.getByName(dst).getAddress();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(s);
        body.write(d);
        body.write(sport >> 8);
        body.write(sport);
        body.write(dport >> 8);
        body.write(dport);
        for (byte[] t : tlvs) {
            body.write(t);
        }
        return header(0x21, s.length == 4 ? 0x11 : 0x21, body.toByteArray());
    }

    /** A v2 LOCAL header (the balancer's own health check): no addresses. */
    public static byte[] v2Local() {
        return header(0x20, 0x00, new byte[0]);
    }

    public static byte[] header(int verCmd, int famProto, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(verCmd);
        out.write(famProto);
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static byte[] tlv(int type, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** PP2_TYPE_SSL: client bits, verify result, then sub-TLVs (version, CN). */
    public static byte[] sslTlv(int client, int verify, String version, String cn) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write(client);
        v.write(verify >> 24);
        v.write(verify >> 16);
        v.write(verify >> 8);
        v.write(verify);
        if (version != null) {
            v.writeBytes(tlv(0x21, version.getBytes(StandardCharsets.US_ASCII)));
        }
        if (cn != null) {
            v.writeBytes(tlv(0x22, cn.getBytes(StandardCharsets.UTF_8)));
        }
        return tlv(0x20, v.toByteArray());
    }

    /** Fills in the CRC32C TLV (which must be present, zeroed) of a finished v2 header. */
    public static byte[] withCrc(byte[] header, int crcValueOffset) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, header.length);
        long v = crc.getValue();
        header[crcValueOffset] = (byte) (v >> 24);
        header[crcValueOffset + 1] = (byte) (v >> 16);
        header[crcValueOffset + 2] = (byte) (v >> 8);
        header[crcValueOffset + 3] = (byte) v;
        return header;
    }
}
