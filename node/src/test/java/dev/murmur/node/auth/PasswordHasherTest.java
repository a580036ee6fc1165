package dev.murmur.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.node.watch.FileFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Salted PBKDF2-SHA512 hashes and the password file format. */
class PasswordHasherTest {
    private static final int FAST = 1_000;

    @Test
    void verifiesTheRightPasswordOnly() {
        String h = PasswordHasher.hash("s3cret".getBytes(StandardCharsets.UTF_8), FAST);
        assertThat(h).startsWith("$pbkdf2-sha512$1000$");
        assertThat(PasswordHasher.verify(h, "s3cret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(PasswordHasher.verify(h, "s3cret!".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(PasswordHasher.verify(h, new byte[0])).isFalse();
        assertThat(PasswordHasher.verify(h, null)).isFalse();
    }

    @Test
    void saltMakesEqualPasswordsHashDifferently() {
        byte[] pw = "same".getBytes(StandardCharsets.UTF_8);
        assertThat(PasswordHasher.hash(pw, FAST)).isNotEqualTo(PasswordHasher.hash(pw, FAST));
    }

    @Test
    void matchesRfc6070StylePbkdf2Vector() {
        // PBKDF2-HMAC-SHA512, P="password", S="salt", c=1000, dkLen=64 (widely published test vector)
        String encoded = "$pbkdf2-sha512$1000$" + java.util.Base64.getEncoder().withoutPadding()
                .encodeToString("salt".getBytes(StandardCharsets.US_ASCII)) + "$"
                + java.util.Base64.getEncoder().withoutPadding().encodeToString(java.util.HexFormat.of().parseHex(
                "afe6c5530785b6cc6b1c6453384731bd5ee432ee549fd42fb6695779ad8a1c5b"
                        + "f59de69c48f774efc4007d5298f9033c0241d5ab69305e7b64eceeb8d834cfec"));
        assertThat(PasswordHasher.verify(encoded, "password".getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @Test
    void binaryPasswordsWork() {
        byte[] pw = {0, (byte) 0xFF, 0x7F, (byte) 0x80};
        assertThat(PasswordHasher.verify(PasswordHasher.hash(pw, FAST), pw)).isTrue();
    }

    @Test
    void passwordFileParsesAndNamesBadLines() throws Exception {
        String h = PasswordHasher.hash(new byte[] {1}, FAST);
        Map<String, String> users = PasswordFile.parse(List.of("# users", "", "alice:" + h));
        assertThat(users).containsOnlyKeys("alice");
        assertThatThrownBy(() -> PasswordFile.parse(List.of("alice:" + h, "bob:plaintext")))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> PasswordFile.parse(List.of("alice:" + h, "alice:" + h)))
                .isInstanceOf(FileFormatException.class);
        assertThatThrownBy(() -> PasswordFile.parse(List.of("nocolon"))).isInstanceOf(FileFormatException.class);
    }

    @Test
    void addingAUserReplacesOrAppends() {
        assertThat(PasswordFile.withUser(List.of("# c", "a:x", "b:y"), "a", "z")).containsExactly("# c", "a:z", "b:y");
        assertThat(PasswordFile.withUser(List.of("a:x"), "c", "z")).containsExactly("a:x", "c:z");
        assertThat(PasswordFile.withoutUser(List.of("a:x", "ab:y"), "a")).containsExactly("ab:y");
    }
}
