package dev.murmur.node.acl;

import dev.murmur.node.acl.AclRule.Action;
import dev.murmur.node.watch.FileFormatException;
import dev.murmur.protocol.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the ACL file: one rule per line,
 * {@code allow|deny publish|subscribe|all FILTER [user=U] [client=GLOB] [address=CIDR] [listener=NAME]}
 * or {@code allow|deny connect [conditions]}; '#' starts a comment line.
 */
final class AclParser {
    private AclParser() {
    }

    static AclRules parse(List<String> lines) throws FileFormatException {
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                rules.add(rule(i + 1, line.split("\\s+")));
            }
        }
        return new AclRules(List.copyOf(rules));
    }

    private static AclRule rule(int n, String[] t) throws FileFormatException {
        if (t.length < 2) {
            throw new FileFormatException(n, "expected: allow|deny ACTION [FILTER] [conditions]");
        }
        boolean allow = switch (t[0]) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new FileFormatException(n, "verdict must be allow or deny, was '" + t[0] + "'");
        };
        Action action;
        try {
            action = Action.valueOf(t[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(n, "action must be publish, subscribe, all or connect, was '" + t[1] + "'");
        }
        int next = 2;
        String filter = null;
        if (action != Action.CONNECT) {
            if (t.length < 3) {
                throw new FileFormatException(n, "a " + t[1] + " rule needs a topic filter");
            }
            filter = t[2];
            String probe = filter.replace("%u", "u").replace("%c", "c");
            if (!Topics.isValidTopicFilter(probe)) {
                throw new FileFormatException(n, "invalid topic filter '" + filter + "'");
            }
            next = 3;
        }
        String user = null;
        Pattern client = null;
        AddressRange address = null;
        String listener = null;
        for (int i = next; i < t.length; i++) {
            int eq = t[i].indexOf('=');
            if (eq <= 0 || eq == t[i].length() - 1) {
                throw new FileFormatException(n, "expected key=value condition, was '" + t[i] + "'");
            }
            String value = t[i].substring(eq + 1);
            switch (t[i].substring(0, eq)) {
                case "user" -> user = value;
                case "client" -> client = glob(value);
                case "address" -> {
                    address = AddressRange.parse(value);
                    if (address == null) {
                        throw new FileFormatException(n, "address must be an IP or CIDR block, was '" + value + "'");
                    }
                }
                case "listener" -> listener = value;
                default -> throw new FileFormatException(n, "unknown condition '" + t[i].substring(0, eq)
                        + "' (user, client, address, listener)");
            }
        }
        return new AclRule(n, allow, action, filter, user, client, address, listener);
    }

    /** A client id glob: '*' any run of characters, '?' one character, everything else literal. */
    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char ch : g.toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (lit.length() > 0) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(ch == '*' ? ".*" : ".");
            } else {
                lit.append(ch);
            }
        }
        if (lit.length() > 0) {
            re.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
