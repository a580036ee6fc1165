package dev.murmur.load.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the few host commands chaos needs ({@code kill}, {@code nft}, {@code id}); an interface
 * so that tests can record what would run instead of running it.
 */
public interface Commands {
    /** Runs {@code command} with {@code stdin} (may be null); returns exit code and output. */
    Result run(List<String> command, String stdin) throws IOException, InterruptedException;

    /** Exit code and combined stdout/stderr of one command. */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** The real thing: a child process, bounded in time. */
    Commands SYSTEM = (command, stdin) -> {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, command.get(0) + ": " + e.getMessage());
        }
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, command.get(0) + ": timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    };
}
