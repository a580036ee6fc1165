package dev.murmur.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last password accepted per user, as SHA-256(stored hash, password), bounded LRU. Lets a
 * reconnect storm skip PBKDF2 for known-good credentials; a changed password file entry changes
 * the stored hash and so misses. Memory only, never written anywhere.
 */
final class VerifiedCache {
    private final int capacity;
    private final Map<String, byte[]> entries;

    VerifiedCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > VerifiedCache.this.capacity;
            }
        };
    }

    synchronized boolean isKnownGood(String user, String hash, byte[] password) {
        byte[] known = entries.get(user);
        return known != null && MessageDigest.isEqual(known, digest(hash, password));
    }

    synchronized void remember(String user, String hash, byte[] password) {
        if (capacity > 0) {
            entries.put(user, digest(hash, password));
        }
    }

    private static byte[] digest(String hash, byte[] password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(hash.getBytes(StandardCharsets.US_ASCII));
            d.update((byte) 0);
            return d.digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
