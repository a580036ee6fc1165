package dev.murmur.node.clients;

import dev.murmur.node.connection.ClientConnection;

/**
 * Filters and page of a client list. Null filters match everything: {@code prefix} of the client
 * id, exact {@code username}, {@code remote} address prefix (e.g. "10.1." or "10.1.2.3:"),
 * {@code protocolLevel} (3, 4 or 5). Paging is by cursor: clients after {@code after} in id order.
 */
public record ClientQuery(String prefix, String username, String remote, Integer protocolLevel, String after,
                          int limit) {

    public boolean matches(ClientConnection c) {
        return (username == null || username.equals(c.username()))
                && (remote == null || c.remoteAddress().startsWith(remote))
                && (protocolLevel == null || c.version().level() == protocolLevel)
                && (after == null || c.clientId().compareTo(after) > 0);
    }

    /** Same filters, without the cursor: what "total" counts. */
    public boolean matchesIgnoringCursor(ClientConnection c) {
        return (username == null || username.equals(c.username()))
                && (remote == null || c.remoteAddress().startsWith(remote))
                && (protocolLevel == null || c.version().level() == protocolLevel);
    }

    public String prefixOrEmpty() {
        return prefix == null ? "" : prefix;
    }
}
