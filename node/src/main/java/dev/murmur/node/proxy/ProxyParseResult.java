package dev.murmur.node.proxy;

/** What {@link ProxyProtocolParser} made of the bytes so far. */
public sealed interface ProxyParseResult {
    /** The header is not complete yet. */
    enum NeedMore implements ProxyParseResult { INSTANCE }

    /** A complete header that took the first {@code length} bytes. */
    record Parsed(ProxyHeader header, int length) implements ProxyParseResult {
    }

    /** Not a PROXY header, or a broken one; {@code reason} is safe to log. */
    record Malformed(String reason) implements ProxyParseResult {
    }
}
