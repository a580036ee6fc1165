package dev.murmur.node.ctl;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Credentials and output options that every `murmur ctl` and `murmur cluster` command shares (a picocli mixin). */
final class AdminAccess {
    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            defaultValue = "${env:MURMUR_ADMIN_TOKEN}", description = "Bearer token (env MURMUR_ADMIN_TOKEN).")
    String token;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "USER:PASSWORD",
            defaultValue = "${env:MURMUR_ADMIN_USER}", description = "Basic-auth user (env MURMUR_ADMIN_USER).")
    String user;

    @Option(names = "--insecure", scope = ScopeType.INHERIT,
            description = "Accept any certificate from an HTTPS admin listener.")
    boolean insecure;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON instead of a table.")
    boolean json;

    /** A client for the admin API at {@code url} with these credentials. */
    AdminClient client(String url) {
        return new AdminClient(url, token, user, insecure);
    }
}
