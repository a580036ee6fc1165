package dev.murmur.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partition's nftables rules, their installation and their removal — with recorded commands, not root. */
class NftPartitionTest {
    /** Records every command; answers from a table of canned results (default: success, no output). */
    private static final class Recorder implements Commands {
        final List<String> ran = new ArrayList<>();
        final List<String> stdin = new ArrayList<>();
        final Map<String, Result> answers;

        Recorder(Map<String, Result> answers) {
            this.answers = answers;
        }

        @Override
        public Result run(List<String> command, String in) {
            String line = String.join(" ", command);
            ran.add(line);
            if (in != null) {
                stdin.add(in);
            }
            return answers.getOrDefault(line, new Result(0, ""));
        }
    }

    private static final InetSocketAddress NODE_2 = new InetSocketAddress("127.0.0.12", 25522);
    private static final List<InetSocketAddress> OTHERS = List.of(new InetSocketAddress("127.0.0.11", 25521),
            new InetSocketAddress("127.0.0.13", 25523));

    @Test
    void rulesDropTheCutNodesArteryTrafficOnLoopbackOnlyInATableOfTheirOwn() {
        NftPartition p = new NftPartition(new Recorder(Map.of()), "ab12cd", NODE_2, OTHERS);
        assertThat(p.table()).isEqualTo("murmur_chaos_ab12cd");
        assertThat(p.script()).isEqualTo("""
                table inet murmur_chaos_ab12cd {
                  chain input {
                    type filter hook input priority -10; policy accept;
                    iifname "lo" ip daddr 127.0.0.12 tcp dport 25522 ip saddr != 127.0.0.12 drop
                    iifname "lo" ip saddr 127.0.0.12 ip daddr { 127.0.0.11, 127.0.0.13 } drop
                  }
                }
                """);
    }

    @Test
    void applyLoadsTheScriptAndRemoveDeletesTheWholeTableOnce() throws Exception {
        Recorder r = new Recorder(Map.of());
        NftPartition p = new NftPartition(r, "ab12cd", NODE_2, OTHERS);
        p.remove(); // nothing applied: nothing to run
        assertThat(r.ran).isEmpty();
        p.apply();
        p.apply(); // idempotent
        assertThat(p.applied()).isTrue();
        assertThat(r.ran).containsExactly("nft -f -");
        assertThat(r.stdin).containsExactly(p.script());
        p.remove();
        p.remove();
        assertThat(p.applied()).isFalse();
        assertThat(r.ran).containsExactly("nft -f -", "nft delete table inet murmur_chaos_ab12cd");
    }

    @Test
    void aRefusedScriptLeavesNothingToRemoveAndSaysWhy() {
        Recorder r = new Recorder(Map.of("nft -f -", new Commands.Result(1, "Error: Operation not permitted")));
        NftPartition p = new NftPartition(r, "x1", NODE_2, OTHERS);
        assertThatThrownBy(p::apply).hasMessageContaining("nft refused").hasMessageContaining("not permitted");
        assertThat(p.applied()).isFalse();
    }

    @Test
    void aFailedDeleteNamesTheCommandToRunByHand() throws Exception {
        Recorder r = new Recorder(Map.of("nft delete table inet murmur_chaos_x1", new Commands.Result(1, "busy")));
        NftPartition p = new NftPartition(r, "x1", NODE_2, OTHERS);
        p.apply();
        assertThatThrownBy(p::remove).hasMessageContaining("nft delete table inet murmur_chaos_x1");
    }

    @Test
    void nodesSharingOneAddressCannotBePartitioned() {
        assertThatThrownBy(() -> new NftPartition(new Recorder(Map.of()), "x1", NODE_2,
                List.of(new InetSocketAddress("127.0.0.12", 25521))))
                .hasMessageContaining("--loopback-per-node");
        assertThatThrownBy(() -> new NftPartition(new Recorder(Map.of()), "x;drop", NODE_2, OTHERS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesClearlyWhenNotRootOrWithoutNft() throws Exception {
        assertThat(NftPartition.unavailable(new Recorder(Map.of("id -u", new Commands.Result(0, "1000")))))
                .contains("needs root");
        assertThat(NftPartition.unavailable(new Recorder(Map.of("id -u", new Commands.Result(0, "0"),
                "nft --version", new Commands.Result(127, "nft: No such file or directory")))))
                .contains("apt-get install nftables");
        assertThat(NftPartition.unavailable(new Recorder(Map.of("id -u", new Commands.Result(0, "0"))))).isNull();
    }
}
