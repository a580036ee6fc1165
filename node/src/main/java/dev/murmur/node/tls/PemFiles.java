package dev.murmur.node.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PEM key material with the JDK alone: certificate chains and bundles, PKCS#8 private keys
 * (plain or encrypted) and PKCS#1 RSA keys (wrapped into PKCS#8 here, as OpenSSL 1.x writes them).
 */
final class PemFiles {
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "EdDSA"};
    /** DER prefix that turns a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo (rsaEncryption, NULL params). */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PemFiles() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return certs;
        }
    }

    static PrivateKey privateKey(Path file, char[] password) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] der;
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(block(pem, "ENCRYPTED PRIVATE KEY"));
            SecretKeyFactory f = SecretKeyFactory.getInstance(info.getAlgName());
            der = info.getKeySpec(f.generateSecret(new PBEKeySpec(password))).getEncoded();
        } else if (pem.contains("BEGIN PRIVATE KEY")) {
            der = block(pem, "PRIVATE KEY");
        } else if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            der = pkcs1ToPkcs8(block(pem, "RSA PRIVATE KEY"));
        } else {
            throw new GeneralSecurityException(file + ": expected a PKCS#8 or PKCS#1 RSA private key"
                    + " (convert with `openssl pkcs8 -topk8 -nocrypt`)");
        }
        for (String alg : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(file + ": unsupported private key algorithm");
    }

    private static byte[] block(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, b);
        if (b < 0 || e < 0) {
            throw new GeneralSecurityException("PEM block " + type + " not terminated");
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = derWrap(0x04, pkcs1);
        byte[] body = concat(version, RSA_ALGORITHM_ID, octet);
        return derWrap(0x30, body);
    }

    private static byte[] derWrap(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        return concat(new byte[] {(byte) tag}, len, content);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
