package dev.murmur.node.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value parsed from one text file, replaced atomically when the file changes. A file that no
 * longer parses keeps the previous value and logs the offending line: a typo in production must
 * never open or close the broker by accident.
 */
public final class ReloadingFile<T> implements Reloadable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingFile.class);

    /** Turns the file's lines into a value, or names the first bad line. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(List<String> lines) throws FileFormatException;
    }

    private final String what;
    private final Path file;
    private final Parser<T> parser;
    private final AtomicReference<T> current = new AtomicReference<>();
    private volatile FileStamp stamp;

    /** Reads the file now; throws when the first read already fails (the node must not start). */
    public ReloadingFile(String what, Path file, Parser<T> parser) throws FileFormatException {
        this.what = what;
        this.file = file;
        this.parser = parser;
        this.stamp = FileStamp.of(List.of(file));
        current.set(read());
    }

    public T get() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    @Override
    public void reloadIfChanged() {
        if (!FileStamp.of(List.of(file)).equals(stamp)) {
            reload();
        }
    }

    @Override
    public synchronized void reload() {
        FileStamp before = FileStamp.of(List.of(file));
        try {
            T value = read();
            current.set(value);
            LOG.info("event=file_reloaded what={} file={}", what, file);
        } catch (FileFormatException e) {
            LOG.error("event=file_reload_failed what={} file={} line={} problem=\"{}\" action=keeping_previous",
                    what, file, e.line(), e.getMessage());
        }
        stamp = before; // a broken file is not retried until it changes again
    }

    private T read() throws FileFormatException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new FileFormatException(0, "cannot read " + file + ": " + e.getMessage());
        }
        return parser.parse(lines);
    }
}
