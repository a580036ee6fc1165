package dev.murmur.node.auth;

import dev.murmur.node.config.SecuritySettings;
import dev.murmur.node.proxy.ProxyHeader;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The username a verified client certificate stands for: its subject CN, or its first DNS /
 * e-mail / URI subject alternative name. Behind a TLS-terminating load balancer, the CN the
 * balancer passes in the PROXY v2 SSL TLV counts when it reports the certificate as verified.
 */
public final class CertificateIdentity {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private CertificateIdentity() {
    }

    /** The identity of {@code peer} under {@code mode}, or null when it has none. */
    public static String of(Peer peer, SecuritySettings.CertificateIdentity mode) {
        if (mode == SecuritySettings.CertificateIdentity.OFF) {
            return null;
        }
        List<X509Certificate> chain = peer.clientCertificates();
        if (!chain.isEmpty()) {
            return mode == SecuritySettings.CertificateIdentity.CN ? commonName(chain.get(0)) : firstSan(chain.get(0));
        }
        ProxyHeader proxy = peer.proxy();
        if (proxy != null && proxy.ssl() != null && proxy.ssl().clientCertVerified()) {
            return proxy.ssl().clientCn(); // the balancer passes the CN only
        }
        return null;
    }

    static String commonName(X509Certificate cert) {
        try {
            List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) { // most specific CN first
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return rdns.get(i).getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    static String firstSan(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return null;
            }
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == SAN_EMAIL || type == SAN_DNS || type == SAN_URI) {
                    return san.get(1).toString();
                }
            }
            return null;
        } catch (CertificateParsingException e) {
            return null;
        }
    }
}
