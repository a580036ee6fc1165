package dev.murmur.node.ctl;

/** A CLI command that cannot do its job: the message is printed, the code is the exit status. */
final class CtlException extends RuntimeException {
    /** The API answered with an error (404, 401, 400...). */
    static final int FAILED = 1;
    /** No admin API at the given address. */
    static final int UNREACHABLE = 2;

    private final int exitCode;

    CtlException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
