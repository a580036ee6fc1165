package dev.murmur.node.acl;

import dev.murmur.node.auth.ClientInfo;
import java.util.regex.Pattern;

/**
 * One line of the ACL file: a verdict for an action on a topic filter, applying to the clients
 * that meet every condition given. {@code %u} and {@code %c} in the filter stand for the
 * client's username and client id; a rule whose placeholder cannot be filled safely (no
 * username, or a value holding '/', '+' or '#') does not apply.
 *
 * @param filter   topic filter, null for connect rules
 * @param user     exact username, "*" for any authenticated user, null for anyone
 * @param clientId client id glob ('*', '?'), null for any
 * @param address  client address range (after PROXY protocol), null for any
 * @param listener listener name, null for any
 */
record AclRule(int line, boolean allow, Action action, String filter, String user, Pattern clientId,
               AddressRange address, String listener) {

    /** What a rule governs; {@code ALL} is publish and subscribe. */
    enum Action { PUBLISH, SUBSCRIBE, ALL, CONNECT }

    boolean governs(Action requested) {
        return action == requested || action == Action.ALL && requested != Action.CONNECT;
    }

    boolean appliesTo(ClientInfo c) {
        if (user != null && (c.username() == null || !"*".equals(user) && !user.equals(c.username()))) {
            return false;
        }
        if (clientId != null && !clientId.matcher(c.clientId()).matches()) {
            return false;
        }
        if (address != null && !address.contains(c.address())) {
            return false;
        }
        return listener == null || listener.equals(c.listener());
    }

    /** The filter with %u / %c filled in, or null when a placeholder cannot be filled safely. */
    String filterFor(ClientInfo c) {
        String f = filter;
        if (f.contains("%u")) {
            if (!isSafeLevel(c.username())) {
                return null;
            }
            f = f.replace("%u", c.username());
        }
        if (f.contains("%c")) {
            if (!isSafeLevel(c.clientId())) {
                return null;
            }
            f = f.replace("%c", c.clientId());
        }
        return f;
    }

    private static boolean isSafeLevel(String v) {
        return v != null && !v.isEmpty() && v.indexOf('/') < 0 && v.indexOf('+') < 0 && v.indexOf('#') < 0;
    }
}
