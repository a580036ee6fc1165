package dev.murmur.node.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.node.auth.ClientInfo;
import dev.murmur.node.watch.FileFormatException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACL file: syntax, first match wins, default deny, placeholders, conditions, reload. */
class AclRulesTest {
    private static AclRules rules(String text) throws FileFormatException {
        return AclParser.parse(List.of(text.split("\n")));
    }

    private static ClientInfo client(String id, String user, String address) throws Exception {
        return new ClientInfo(id, user, InetAddress.getByName(address), "mqtt");
    }

    @Test
    void firstMatchWinsAndNothingMatchedIsDenied() throws Exception {
        AclRules r = rules("""
                deny  publish sensors/secret
                allow publish sensors/#
                """);
        ClientInfo c = client("c1", "u1", "10.0.0.1");
        assertThat(r.mayPublish(c, "sensors/temp")).isTrue();
        assertThat(r.mayPublish(c, "sensors/secret")).isFalse();
        assertThat(r.mayPublish(c, "other")).isFalse(); // default deny
        assertThat(r.maySubscribe(c, "sensors/#")).isFalse(); // the rule is for publish only
    }

    @Test
    void placeholdersFillUsernameAndClientId() throws Exception {
        AclRules r = rules("""
                allow all       users/%u/#
                allow subscribe devices/%c/commands
                """);
        ClientInfo c = client("dev-9", "alice", "10.0.0.1");
        assertThat(r.mayPublish(c, "users/alice/x")).isTrue();
        assertThat(r.mayPublish(c, "users/bob/x")).isFalse();
        assertThat(r.maySubscribe(c, "devices/dev-9/commands")).isTrue();
        assertThat(r.maySubscribe(c, "devices/+/commands")).isFalse(); // would reach other devices
        assertThat(r.mayPublish(client("x", null, "10.0.0.1"), "users/null/x")).isFalse(); // anonymous: no %u
    }

    @Test
    void placeholdersRefuseWildcardAndSlashInjection() throws Exception {
        AclRules r = rules("allow all devices/%c/#");
        assertThat(r.maySubscribe(client("#", null, "10.0.0.1"), "devices/#")).isFalse();
        assertThat(r.maySubscribe(client("a/b", null, "10.0.0.1"), "devices/a/b/x")).isFalse();
        assertThat(r.maySubscribe(client("+", null, "10.0.0.1"), "devices/+/x")).isFalse();
    }

    @Test
    void denyRuleHoldsAgainstWiderSubscriptions() throws Exception {
        AclRules r = rules("""
                deny  subscribe secret/#
                allow subscribe #
                """);
        ClientInfo c = client("c", "u", "10.0.0.1");
        assertThat(r.maySubscribe(c, "#")).isFalse(); // would include secret/...
        assertThat(r.maySubscribe(c, "public/x")).isTrue();
    }

    @Test
    void conditionsOnUserClientAddressAndListener() throws Exception {
        AclRules r = rules("""
                allow all admin/#  user=root
                allow all fleet/#  client=truck-*
                allow all lan/#    address=192.168.0.0/16
                allow all ws/#     listener=websocket
                allow all any/#    user=*
                """);
        assertThat(r.mayPublish(client("c", "root", "10.0.0.1"), "admin/x")).isTrue();
        assertThat(r.mayPublish(client("c", "rooted", "10.0.0.1"), "admin/x")).isFalse();
        assertThat(r.mayPublish(client("truck-17", null, "10.0.0.1"), "fleet/pos")).isTrue();
        assertThat(r.mayPublish(client("car-1", null, "10.0.0.1"), "fleet/pos")).isFalse();
        assertThat(r.mayPublish(client("c", null, "192.168.4.4"), "lan/x")).isTrue();
        assertThat(r.mayPublish(client("c", null, "192.169.4.4"), "lan/x")).isFalse();
        assertThat(r.mayPublish(new ClientInfo("c", null, InetAddress.getByName("1.1.1.1"), "websocket"), "ws/x")).isTrue();
        assertThat(r.mayPublish(client("c", "anyone", "1.1.1.1"), "any/x")).isTrue();
        assertThat(r.mayPublish(client("c", null, "1.1.1.1"), "any/x")).isFalse(); // user=* needs a user
    }

    @Test
    void connectRulesBanAndDefaultToAllow() throws Exception {
        AclRules r = rules("""
                deny connect user=mallory
                deny connect address=203.0.113.0/24
                """);
        assertThat(r.mayConnect(client("c", "mallory", "10.0.0.1"))).isFalse();
        assertThat(r.mayConnect(client("c", "alice", "203.0.113.9"))).isFalse();
        assertThat(r.mayConnect(client("c", "alice", "10.0.0.1"))).isTrue();
    }

    @Test
    void sysTopicsNeedAnExplicitRule() throws Exception {
        AclRules r = rules("""
                allow subscribe $SYS/#  user=ops
                allow all #
                """);
        assertThat(r.maySubscribe(client("c", "dev", "10.0.0.1"), "$SYS/broker/uptime")).isFalse();
        assertThat(r.maySubscribe(client("c", "ops", "10.0.0.1"), "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void malformedLinesNameTheirLineNumber() {
        assertThatThrownBy(() -> rules("allow publish a/#\n\nallow bogus x"))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> rules("maybe publish a"))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThatThrownBy(() -> rules("allow publish a/#/b")).isInstanceOf(FileFormatException.class);
        assertThatThrownBy(() -> rules("allow publish a address=example.com")).isInstanceOf(FileFormatException.class);
        assertThatThrownBy(() -> rules("allow publish a color=red")).isInstanceOf(FileFormatException.class);
        assertThatThrownBy(() -> rules("allow publish")).isInstanceOf(FileFormatException.class);
    }

    @Test
    void changedFileIsReloadedAndABrokenOneKeepsThePreviousRules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acl");
        Files.writeString(file, "allow publish a/#\n");
        AclAuthorizer acl = new AclAuthorizer(file);
        ClientInfo c = client("c", "u", "10.0.0.1");
        assertThat(acl.mayPublish(c, "a/1")).isTrue();
        Files.writeString(file, "allow publish b/#\n");
        acl.reloadable().reload();
        assertThat(acl.mayPublish(c, "a/1")).isFalse();
        assertThat(acl.mayPublish(c, "b/1")).isTrue();
        Files.writeString(file, "allow publish c/#\nallow publish (oops\nallow nonsense\n");
        acl.reloadable().reload();
        assertThat(acl.mayPublish(c, "b/1")).isTrue(); // previous rules kept
        assertThat(acl.mayPublish(c, "c/1")).isFalse();
    }
}
