package dev.murmur.node.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule filter versus requested subscription filter: covers (for allow) and intersects (for deny). */
class FilterRelationTest {
    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "#, a/b, true",
        "#, a/#, true",
        "a/#, a, true", // '#' includes the parent level (MQTT 5.0 4.7.1.2)
        "a/#, a/+/c, true",
        "a/+, a/b, true",
        "a/+, a/+, true",
        "a/+, a/#, false",
        "a/+, a/b/c, false",
        "a/b, a/+, false",
        "a/b, a/b, true",
        "a/b, a/b/c, false",
        "+/b, a/b, true",
        "#, $SYS/x, false", // MQTT-4.7.2-1: wildcards do not reach '$' topics
        "+/x, $SYS/x, false",
        "$SYS/#, $SYS/broker/uptime, true",
    })
    void covers(String rule, String request, boolean expected) {
        assertThat(FilterRelation.covers(rule, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} intersects {1}: {2}")
    @CsvSource({
        "secret/#, #, true",
        "secret/#, +/x, true",
        "secret/#, public/x, false",
        "a/+/c, a/b/+, true",
        "a/b, a/c, false",
        "a/b, a/b/c, false",
        "a/#, a, true",
        "$SYS/#, #, false",
        "$SYS/#, $SYS/+, true",
    })
    void intersects(String a, String b, boolean expected) {
        assertThat(FilterRelation.intersects(a, b)).isEqualTo(expected);
        assertThat(FilterRelation.intersects(b, a)).isEqualTo(expected);
    }
}
