package dev.murmur.node.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code murmur passwd FILE USER}: adds or changes a user of the built-in password file. */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Adds or updates USER in the password file FILE (salted PBKDF2-SHA512). "
                + "A running node picks the change up by itself.")
public final class PasswdCommand implements Callable<Integer> {
    private static final int EXIT_USAGE = 2;

    @Parameters(index = "0", paramLabel = "FILE", description = "Password file (created if missing).")
    Path file;

    @Parameters(index = "1", paramLabel = "USER", description = "User name (no ':').")
    String user;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = {"-D", "--delete"}, description = "Remove USER instead.")
    boolean delete;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(Character::isWhitespace)) {
            err.println("murmur passwd: a user name must be non-empty, without ':' or spaces");
            return EXIT_USAGE;
        }
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        if (delete) {
            write(PasswordFile.withoutUser(lines, user));
            return 0;
        }
        char[] password = readPassword(err);
        if (password == null) {
            return EXIT_USAGE;
        }
        try {
            String hash = PasswordHasher.hash(PasswordHasher.utf8(password), iterations);
            write(PasswordFile.withUser(lines, user, hash));
        } catch (IllegalArgumentException e) {
            err.println("murmur passwd: " + e.getMessage());
            return EXIT_USAGE;
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }

    private char[] readPassword(PrintWriter err) throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                err.println("murmur passwd: no password on standard input");
                return null;
            }
            return line.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            err.println("murmur passwd: no terminal; use --password-stdin");
            return null;
        }
        char[] first = console.readPassword("Password for %s: ", user);
        char[] second = console.readPassword("Again: ");
        if (first == null || first.length == 0 || !Arrays.equals(first, second)) {
            err.println("murmur passwd: passwords empty or different");
            return null;
        }
        Arrays.fill(second, '\0');
        return first;
    }

    /** Written beside the target and moved over it, so a running node never reads half a file. */
    private void write(List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".passwd", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        Files.write(tmp, lines);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
