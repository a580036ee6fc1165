package dev.murmur.node.ctl;

import dev.murmur.node.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code murmur ctl hash}: turns a token or password into the hash murmur.admin.auth expects. */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Prints a salted PBKDF2-SHA512 hash of a secret for murmur.admin.auth (tokens or users).")
final class HashCommand implements Callable<Integer> {
    @Option(names = "--stdin", description = "Read the secret from the first line of standard input.")
    boolean stdin;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        char[] secret;
        Console console = System.console();
        if (!stdin && console != null) {
            secret = console.readPassword("secret: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            secret = line == null ? new char[0] : line.toCharArray();
        }
        if (secret == null || secret.length == 0) {
            err.println("murmur ctl hash: empty secret");
            err.flush();
            return CtlException.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(PasswordHasher.hash(PasswordHasher.utf8(secret), iterations));
        out.flush();
        Arrays.fill(secret, '\0');
        return 0;
    }
}
