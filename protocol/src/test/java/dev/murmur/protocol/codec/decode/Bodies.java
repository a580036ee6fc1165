package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.codec.Hex;

/** Test helper: hex bodies of common shapes, with lengths computed so malformed cases stay readable. */
final class Bodies {
    private Bodies() {
    }

    /** A property section: its length as a Variable Byte Integer, then {@code propertiesHex}. */
    static String props(String propertiesHex) {
        byte[] p = Hex.bytes(propertiesHex);
        return Hex.of(Hex.vbi(p.length)) + " " + propertiesHex;
    }

    /** A CONNECT body of level 5 with {@code flags}, keep alive 60, the properties and the payload. */
    static byte[] connectV5(int flags, String propertiesHex, String payloadHex) {
        return Hex.packet(0x10, "00 04 4D 51 54 54 05 " + String.format("%02X", flags) + " 00 3C "
                + props(propertiesHex) + " " + payloadHex);
    }

    /** A CONNECT body of level 4 with {@code flags}, keep alive 60 and the payload. */
    static byte[] connectV311(int flags, String payloadHex) {
        return Hex.packet(0x10, "00 04 4D 51 54 54 04 " + String.format("%02X", flags) + " 00 3C " + payloadHex);
    }
}
