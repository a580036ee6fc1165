package dev.murmur.node.acl;

/**
 * How a rule's topic filter relates to a requested subscription filter. An allow rule must
 * <em>cover</em> the request (every topic the request can match, the rule matches too); a deny
 * rule applies as soon as the two <em>intersect</em> (some topic matches both), so that
 * "deny secret/#" is not bypassed by subscribing to "#". Both follow the '$' rule
 * (MQTT-4.7.2-1): a leading wildcard never matches a topic starting with '$'.
 */
final class FilterRelation {
    private static final String MULTI = "#";
    private static final String SINGLE = "+";

    private FilterRelation() {
    }

    static boolean covers(String rule, String request) {
        String[] r = rule.split("/", -1);
        String[] q = request.split("/", -1);
        if (q[0].startsWith("$") && isWildcard(r[0])) {
            return false;
        }
        for (int i = 0; ; i++) {
            if (i < r.length && MULTI.equals(r[i])) {
                return true;
            }
            if (i == q.length || i == r.length) {
                return i == q.length && i == r.length;
            }
            if (SINGLE.equals(r[i])) {
                if (MULTI.equals(q[i])) {
                    return false;
                }
            } else if (!r[i].equals(q[i])) {
                return false;
            }
        }
    }

    static boolean intersects(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        if (isWildcard(x[0]) && y[0].startsWith("$") || isWildcard(y[0]) && x[0].startsWith("$")) {
            return false;
        }
        for (int i = 0; ; i++) {
            if (i < x.length && MULTI.equals(x[i]) || i < y.length && MULTI.equals(y[i])) {
                return true;
            }
            if (i == x.length || i == y.length) {
                return i == x.length && i == y.length;
            }
            if (!SINGLE.equals(x[i]) && !SINGLE.equals(y[i]) && !x[i].equals(y[i])) {
                return false;
            }
        }
    }

    private static boolean isWildcard(String level) {
        return MULTI.equals(level) || SINGLE.equals(level);
    }
}
