package dev.murmur.node.auth;

import dev.murmur.node.watch.FileFormatException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of the built-in password file: one {@code user:hash} per line, '#' comments and
 * blank lines ignored. A user name may not contain ':'.
 */
public final class PasswordFile {
    private PasswordFile() {
    }

    public static Map<String, String> parse(List<String> lines) throws FileFormatException {
        Map<String, String> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new FileFormatException(i + 1, "expected user:hash");
            }
            String hash = line.substring(colon + 1);
            if (!PasswordHasher.isWellFormed(hash)) {
                throw new FileFormatException(i + 1, "not a $pbkdf2-sha512$ hash (write it with `murmur passwd`)");
            }
            if (users.put(line.substring(0, colon), hash) != null) {
                throw new FileFormatException(i + 1, "user listed twice");
            }
        }
        return Map.copyOf(users);
    }

    /** The file's lines with {@code user} set to {@code hash} (replaced in place or appended). */
    public static List<String> withUser(List<String> lines, String user, String hash) {
        List<String> out = new java.util.ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (String l : lines) {
            if (l.startsWith(user + ":")) {
                if (!replaced) {
                    out.add(user + ":" + hash);
                    replaced = true;
                }
            } else {
                out.add(l);
            }
        }
        if (!replaced) {
            out.add(user + ":" + hash);
        }
        return out;
    }

    /** The file's lines without {@code user}. */
    public static List<String> withoutUser(List<String> lines, String user) {
        return lines.stream().filter(l -> !l.startsWith(user + ":")).toList();
    }
}
