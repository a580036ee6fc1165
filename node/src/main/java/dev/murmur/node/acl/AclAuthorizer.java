package dev.murmur.node.acl;

import dev.murmur.node.auth.Authorizer;
import dev.murmur.node.auth.ClientInfo;
import dev.murmur.node.watch.FileFormatException;
import dev.murmur.node.watch.ReloadingFile;
import java.nio.file.Path;

/** The built-in authorizer: the rules of the ACL file, re-read when it changes. */
public final class AclAuthorizer implements Authorizer {
    private final ReloadingFile<AclRules> file;

    /** Reads {@code aclFile}; a malformed file at start-up throws (naming the line). */
    public AclAuthorizer(Path aclFile) throws FileFormatException {
        this.file = new ReloadingFile<>("acl", aclFile, AclParser::parse);
    }

    public ReloadingFile<?> reloadable() {
        return file;
    }

    @Override
    public boolean mayConnect(ClientInfo client) {
        return file.get().mayConnect(client);
    }

    @Override
    public boolean mayPublish(ClientInfo client, String topic) {
        return file.get().mayPublish(client, topic);
    }

    @Override
    public boolean maySubscribe(ClientInfo client, String topicFilter) {
        return file.get().maySubscribe(client, topicFilter);
    }
}
