package dev.murmur.protocol.codec;

import java.util.Random;

/**
 * Long-running decoder fuzzer (see docs/fuzzing.md): {@code DecoderFuzz [iterations] [seed]}.
 * Prints the seed, progress every 10 M inputs and the outcome counts; on a contract violation
 * prints the input in hex with its index and exits with status 1.
 */
public final class DecoderFuzz {
    private static final int[] MAX_SIZES = {16, 128, 4096, 1 << 20};
    private static final long PROGRESS_EVERY = 10_000_000L;

    private DecoderFuzz() {
    }

    public static void main(String[] args) {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        System.out.println("DecoderFuzz iterations=" + iterations + " seed=" + seed);
        Random random = new Random(seed);
        FrameMutator mutator = new FrameMutator(random);
        FuzzHarness harness = new FuzzHarness();
        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            FrameMutator.Input input = mutator.next();
            MqttDecoder decoder = FrameMutator.decoderFor(input, MAX_SIZES[random.nextInt(MAX_SIZES.length)]);
            String problem = harness.run(decoder, input.bytes(), random);
            if (problem != null) {
                System.out.printf("FAIL seed=%d input=%d base=%s handshake=%b: %s%n  bytes: %s%n", seed, i,
                        input.base().name(), input.handshakeFirst(), problem, Hex.of(input.bytes()));
                System.exit(1);
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                System.out.printf("%,d inputs, %s, %d s%n", i + 1, harness, (System.nanoTime() - start) / 1_000_000_000L);
            }
        }
        System.out.printf("OK %,d inputs, %s, %d ms%n", iterations, harness, (System.nanoTime() - start) / 1_000_000L);
    }
}
