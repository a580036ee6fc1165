package dev.murmur.load.chaos;

import java.io.IOException;
import java.util.List;

/** Sends POSIX signals to node processes with {@code kill -s}: KILL, TERM, STOP and CONT. */
final class Signals {
    private final Commands commands;

    Signals(Commands commands) {
        this.commands = commands;
    }

    void send(String signal, long pid) throws IOException, InterruptedException {
        Commands.Result r = commands.run(List.of("kill", "-s", signal, Long.toString(pid)), null);
        if (!r.ok()) {
            throw new IllegalStateException("kill -s " + signal + " " + pid + " failed: " + r.output());
        }
    }
}
