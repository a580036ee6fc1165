package dev.murmur.load.report;

/** Something that happened at a moment of the run: a phase change or an injected fault. */
public record RunEvent(double second, String what) {
}
