package dev.murmur.node.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Readiness as a set of named checks, each answering asynchronously: the node is ready when all
 * pass within the timeout. Features add their own (the durability issue: "the journal answers")
 * with {@link #register}; /ready runs them all.
 */
public final class Readiness {
    /** One check; a failed or late answer counts as not ready. */
    @FunctionalInterface
    public interface Check {
        CompletionStage<Result> check();
    }

    /** A check's answer, with a short detail for operators. */
    public record Result(boolean ok, String detail) {
        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    /** Every check's answer and the verdict. */
    public record Report(boolean ready, Map<String, Result> checks) {
    }

    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds (or replaces) the check called {@code name}. */
    public void register(String name, Check check) {
        if (checks.put(name, check) == null) {
            order.add(name);
        }
    }

    public CompletionStage<Report> evaluate(Duration timeout) {
        Map<String, CompletableFuture<Result>> running = new LinkedHashMap<>();
        for (String name : order) {
            CompletableFuture<Result> f;
            try {
                f = checks.get(name).check().toCompletableFuture();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            running.put(name, f.completeOnTimeout(Result.failed("no answer within " + timeout.toMillis() + " ms"),
                            timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> Result.failed(String.valueOf(e.getMessage()))));
        }
        return CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Result> results = running.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().join(), (a, b) -> a, LinkedHashMap::new));
            return new Report(results.values().stream().allMatch(Result::ok), results);
        });
    }
}
