package dev.murmur.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic name and topic filter validation (MQTT 5.0 section 4.7). */
class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "sport/tennis/player1", "/", "//", "a//b", "/finance", "finance/", "$SYS/broker/load",
        "Accounts payable", "ACCOUNTS", "maison/température", "\uD834\uDD1E", "$share/group/t", "a\u0001b",
    })
    void validTopicNames(String name) {
        // MQTT 5.0 section 4.7.3: empty levels, a lone '/', spaces, '$' and any non-NUL character.
        assertThat(Topics.isValidTopicName(name)).isTrue();
    }

    @Test
    void emptyTopicNameIsInvalid() {
        // MQTT-4.7.3-1: at least one character.
        assertThat(Topics.isValidTopicName("")).isFalse();
        assertThat(Topics.isValidTopicName(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+", "a/+/b", "sport+", "a#", "+/b"})
    void topicNamesHaveNoWildcards(String name) {
        // MQTT-3.3.2-2 (MQTT 5.0 section 4.7.1): wildcards are for filters only.
        assertThat(Topics.isValidTopicName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000", "a/\u0000/b"})
    void nulIsRefusedInNamesAndFilters(String s) {
        // MQTT-4.7.3-2: topic names and filters must not include U+0000.
        assertThat(Topics.isValidTopicName(s)).isFalse();
        assertThat(Topics.isValidTopicFilter(s)).isFalse();
    }

    @Test
    void unpairedSurrogateIsNotWellFormedUtf8() {
        // MQTT-1.5.4-1: a lone surrogate has no UTF-8 encoding.
        assertThat(Topics.isValidTopicName("a\uD800")).isFalse();
        assertThat(Topics.isValidTopicFilter("\uDC00/#")).isFalse();
    }

    @Test
    void at65535Utf8BytesAndNoMore() {
        // MQTT-4.7.3-3 / section 1.5.4: a topic is a UTF-8 string of at most 65,535 bytes.
        assertThat(Topics.isValidTopicName("a".repeat(65_535))).isTrue();
        assertThat(Topics.isValidTopicName("a".repeat(65_536))).isFalse();
        // 21,845 three-byte characters = 65,535 bytes; one more ASCII byte is too many.
        assertThat(Topics.isValidTopicName("€".repeat(21_845))).isTrue();
        assertThat(Topics.isValidTopicName("€".repeat(21_845) + "a")).isFalse();
        assertThat(Topics.isValidTopicFilter("€".repeat(21_845) + "/")).isFalse();
        assertThat(Topics.isValidTopicFilter("€".repeat(21_844) + "/#")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#", "sport/tennis/#", "sport/#", "/#", "+", "+/tennis/#", "sport/+/player1", "+/+", "/+", "sport/+",
        "a//b", "/", "a/+/+/#", "$SYS/#", "$SYS/monitor/+", "sport/tennis/player1", "+/", "$share",
        "$sharefoo/bar", "$share/group/sport/#", "$share/g/+", "$share/g/#", "$share/g//", "$share/g/$share/h/x",
    })
    void validTopicFilters(String filter) {
        // MQTT 5.0 sections 4.7.1.2, 4.7.1.3 and 4.8.2 examples.
        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis#", "sport/tennis/#/ranking", "#/a", "##", "a/#b", "a/b#"})
    void multiLevelWildcardOnlyLastAndAloneInItsLevel(String filter) {
        // MQTT-4.7.1-1.
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport+", "+sport", "sport/+tennis", "a/b+/c", "++", "+#", "a/+#"})
    void singleLevelWildcardAloneInItsLevel(String filter) {
        // MQTT-4.7.1-2.
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @Test
    void emptyFilterIsInvalid() {
        // MQTT-4.7.3-1: topic filters are at least one character long.
        assertThat(Topics.isValidTopicFilter("")).isFalse();
        assertThat(Topics.isValidTopicFilter(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$share/", "$share//a", "$share/group", "$share/group/", "$share/gr+oup/a", "$share/+/a", "$share/#/a",
        "$share/g#/a", "$share/g/a#", "$share/g/#/a", "$share/g/a+",
    })
    void invalidSharedSubscriptions(String filter) {
        // MQTT-4.8.2-1: a non-empty share name; MQTT-4.8.2-2: no '/', '+', '#' in it, then '/'
        // and a valid topic filter.
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @Test
    void hasWildcard() {
        assertThat(Topics.hasWildcard("a/+/b")).isTrue();
        assertThat(Topics.hasWildcard("a/#")).isTrue();
        assertThat(Topics.hasWildcard("#")).isTrue();
        assertThat(Topics.hasWildcard("a/b")).isFalse();
        assertThat(Topics.hasWildcard("/")).isFalse();
        assertThat(Topics.hasWildcard("$SYS/x")).isFalse();
    }
}
