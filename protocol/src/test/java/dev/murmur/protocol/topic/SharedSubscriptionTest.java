package dev.murmur.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing {@code $share/{ShareName}/{filter}} (MQTT 5.0 section 4.8.2). */
class SharedSubscriptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "$share/consumer1/sport/tennis/+, consumer1, sport/tennis/+",
        "$share/consumer2/sport/tennis/+, consumer2, sport/tennis/+",
        "$share/consumer1//finance,       consumer1, /finance",
        "$share/g/#,                      g,         #",
        "$share/g/+,                      g,         +",
        "$share/g/a,                      g,         a",
        "$share/$g/$SYS/#,                $g,        $SYS/#",
        "$share/g//,                      g,         /",
    })
    void parsesGroupAndFilter(String topicFilter, String group, String filter) {
        // MQTT 5.0 section 4.8.2 examples: the filter starts after the '/' that ends the share name.
        assertThat(SharedSubscription.parse(topicFilter)).isEqualTo(new SharedSubscription(group, filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$share/", "$share//a", "$share/group", "$share/group/", "$share/g+/a", "$share/+/a", "$share/#/a",
        "$share/g/a#", "$share/g/#/x", "$share/g/sport+",
    })
    void refusesInvalidSharedSubscriptions(String topicFilter) {
        // MQTT-4.8.2-1: share name at least one character; MQTT-4.8.2-2: no '/', '+' or '#' in it,
        // followed by '/' and a valid topic filter.
        assertThat(SharedSubscription.parse(topicFilter)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport/#", "$share", "$sharegroup/a", "$SHARE/g/a", "share/g/a", "/$share/g/a"})
    void ordinaryFiltersAreNotShared(String topicFilter) {
        assertThat(SharedSubscription.parse(topicFilter)).isNull();
        assertThat(Topics.isValidTopicFilter(topicFilter)).isTrue();
    }

    @Test
    void nullIsNotShared() {
        assertThat(SharedSubscription.parse(null)).isNull();
    }

    @Test
    void innerFilterMatchesLikeAnyFilter() {
        SharedSubscription shared = SharedSubscription.parse("$share/workers/jobs/+/new");

        assertThat(Topics.matches(shared.filter(), "jobs/eu/new")).isTrue();
        assertThat(Topics.matches(shared.filter(), "jobs/eu/old")).isFalse();
    }
}
