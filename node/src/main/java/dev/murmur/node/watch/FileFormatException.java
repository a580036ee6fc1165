package dev.murmur.node.watch;

/** A line of a rules or users file that cannot be used; the message names file and line. */
public final class FileFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public FileFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** 1-based line number, 0 when the whole file is at fault (unreadable). */
    public int line() {
        return line;
    }
}
