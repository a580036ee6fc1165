package dev.murmur.node.watch;

/** Something built from files that can be rebuilt when they change (key material, users, ACL). */
public interface Reloadable {
    /** Re-reads the files if they changed since the last read; keeps the old state on failure. */
    void reloadIfChanged();

    /** Re-reads unconditionally (SIGHUP); keeps the old state on failure. */
    void reload();
}
