package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Entity ids of sessions and hubs cannot collide, and sessions are spread over shards. */
class ShardLayoutTest {
    private final ShardLayout layout = new ShardLayout(16);

    @Test
    void clientIdsThatLookLikeHubIdsStaySessions() {
        String evil = "h3";
        String entity = ShardLayout.sessionEntityId(evil);
        assertThat(ShardLayout.isHub(entity)).isFalse();
        assertThat(ShardLayout.clientIdOf(entity)).isEqualTo(evil);
        assertThat(entity).isNotEqualTo(ShardLayout.hubEntityId(3));
    }

    @Test
    void aSessionAndItsHubShareTheShard() {
        String client = "device-42";
        int shard = layout.shardOf(client);
        assertThat(layout.shardId(ShardLayout.sessionEntityId(client)))
                .isEqualTo(layout.shardId(ShardLayout.hubEntityId(shard)));
    }

    @Test
    void emptyAndUnicodeClientIdsAreValidEntities() {
        assertThat(layout.shardId(ShardLayout.sessionEntityId("ü/ß#+"))).isNotEmpty();
        assertThat(ShardLayout.clientIdOf(ShardLayout.sessionEntityId("ü/ß#+"))).isEqualTo("ü/ß#+");
    }
}
