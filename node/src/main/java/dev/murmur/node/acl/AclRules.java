package dev.murmur.node.acl;

import dev.murmur.node.acl.AclRule.Action;
import dev.murmur.node.auth.ClientInfo;
import dev.murmur.protocol.topic.Topics;
import java.util.List;

/**
 * The rules of one ACL file, in file order. First match wins. No match: publish and subscribe
 * are denied (an ACL file means "only what is listed"), connect is allowed.
 */
record AclRules(List<AclRule> rules) {

    boolean mayConnect(ClientInfo c) {
        for (AclRule r : rules) {
            if (r.governs(Action.CONNECT) && r.appliesTo(c)) {
                return r.allow();
            }
        }
        return true;
    }

    boolean mayPublish(ClientInfo c, String topic) {
        for (AclRule r : rules) {
            if (r.governs(Action.PUBLISH) && r.appliesTo(c)) {
                String f = r.filterFor(c);
                if (f != null && Topics.matches(f, topic)) {
                    return r.allow();
                }
            }
        }
        return false;
    }

    boolean maySubscribe(ClientInfo c, String requested) {
        for (AclRule r : rules) {
            if (r.governs(Action.SUBSCRIBE) && r.appliesTo(c)) {
                String f = r.filterFor(c);
                if (f != null && (r.allow() ? FilterRelation.covers(f, requested)
                        : FilterRelation.intersects(f, requested))) {
                    return r.allow();
                }
            }
        }
        return false;
    }
}
