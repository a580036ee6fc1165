package dev.murmur.node.auth;

/** Every client may publish and subscribe anywhere: the default without an ACL file. */
public final class AllowAllAuthorizer implements Authorizer {
    public static final AllowAllAuthorizer INSTANCE = new AllowAllAuthorizer();

    @Override
    public boolean mayPublish(ClientInfo client, String topic) {
        return true;
    }

    @Override
    public boolean maySubscribe(ClientInfo client, String topicFilter) {
        return true;
    }
}
