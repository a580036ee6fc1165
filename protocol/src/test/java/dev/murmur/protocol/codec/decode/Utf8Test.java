package dev.murmur.protocol.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.codec.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    private static int check(String hex) {
        byte[] b = Hex.bytes(hex);
        return Utf8.check(ByteBuffer.wrap(b), 0, b.length);
    }

    private static String decode(String hex) {
        byte[] b = Hex.bytes(hex);
        int status = Utf8.check(ByteBuffer.wrap(b), 0, b.length);
        assertThat(status).isGreaterThanOrEqualTo(0);
        return Utf8.decode(ByteBuffer.wrap(b), 0, b.length, status == Utf8.ASCII);
    }

    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "61 2F 62, a/b",
        "C3 A9, \u00E9",
        "E2 82 AC, \u20AC",
        "F0 9F 98 80, \uD83D\uDE00",
        "F4 8F BF BF, \uDBFF\uDFFF",
        "EF BB BF 61, \uFEFFa"})
    void wellFormedStringsDecode(String hex, String expected) {
        assertThat(decode(hex)).isEqualTo(expected);
    }

    @Test
    void bomIsKeptNotStripped_MQTT_1_5_4_3() {
        assertThat(decode("EF BB BF")).isEqualTo("\uFEFF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "1F", "7F", "C2 80", "C2 9F", "EF BF BF", "EF BF BE", "F4 8F BF BF"})
    void controlCharactersAndNonCharactersAreAccepted(String hex) {
        assertThat(check(hex)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void nullCharacterIsRefused_MQTT_1_5_4_2() {
        assertThat(check("00")).isEqualTo(Utf8.NULL_CHARACTER);
        assertThat(check("C3 A9 00")).isEqualTo(Utf8.NULL_CHARACTER);
        assertThat(check("C0 80")).as("modified UTF-8 NUL is overlong").isEqualTo(Utf8.ILL_FORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED A0 80", "ED BF BF", "ED B0 80", "61 ED AF BF"})
    void encodedSurrogatesAreRefused_MQTT_1_5_4_1(String hex) {
        assertThat(check(hex)).isEqualTo(Utf8.SURROGATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "BF", "C0 AF", "C1 BF", "C2", "C2 41", "E2 82", "E0 80 80", "E0 9F BF",
        "F0 80 80 80", "F0 8F BF BF", "F4 90 80 80", "F5 80 80 80", "FF", "FE", "F0 9F 98", "E2 28 A1"})
    void illFormedSequencesAreRefused(String hex) {
        assertThat(check(hex)).isEqualTo(Utf8.ILL_FORMED);
    }

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomBytes() throws Exception {
        long seed = 20_260_101L;
        Random random = new Random(seed);
        var strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[random.nextInt(8)];
            for (int j = 0; j < b.length; j++) {
                // Bias towards the interesting ranges: lead bytes, continuations, ASCII.
                int kind = random.nextInt(4);
                b[j] = (byte) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? 0x80 + random.nextInt(0x40)
                        : 0xC0 + random.nextInt(0x40));
            }
            String jdk;
            try {
                jdk = strict.decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                jdk = null;
            }
            int status = Utf8.check(ByteBuffer.wrap(b), 0, b.length);
            boolean jdkAccepts = jdk != null && jdk.indexOf('\0') < 0;
            if (status >= 0 != jdkAccepts) { // assert only on a mismatch: AssertJ per input is slow
                assertThat(status >= 0).as("seed %d input %s", seed, Hex.of(b)).isEqualTo(jdkAccepts);
            }
            if (status >= 0) {
                valid++;
                String ours = Utf8.decode(ByteBuffer.wrap(b), 0, b.length, status == Utf8.ASCII);
                if (!ours.equals(jdk)) {
                    assertThat(ours).as("seed %d input %s", seed, Hex.of(b)).isEqualTo(jdk);
                }
            }
        }
        assertThat(valid).as("the generator must reach valid multi-byte input too").isGreaterThan(10_000);
    }

    @Test
    void decodesFromOffsetsInDirectBuffers() {
        byte[] b = Hex.bytes("FF C3 A9 61 FF");
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
        assertThat(Utf8.check(direct, 1, 4)).isEqualTo(Utf8.NON_ASCII);
        assertThat(Utf8.decode(direct, 1, 3, false)).isEqualTo("\u00E9a");
        assertThat(Utf8.decode(ByteBuffer.wrap(b, 1, 3).slice(), 0, 3, false)).isEqualTo("\u00E9a");
    }
}
