package dev.murmur.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run in every build: one million random and mutated frames through fresh
 * decoders. The seed is fixed and printed; {@link DecoderFuzz} runs the same generator for as
 * long as wanted with any seed.
 */
class DecoderRobustnessTest {
    private static final long SEED = 0x6D75726D7572L; // "murmur"
    private static final int INPUTS = 1_000_000;
    private static final int[] MAX_SIZES = {16, 128, 1 << 20};

    @Test
    void millionMutatedFramesOnlyYieldResults() {
        System.out.println("DecoderRobustnessTest seed=" + SEED + " inputs=" + INPUTS);
        Random random = new Random(SEED);
        FrameMutator mutator = new FrameMutator(random);
        FuzzHarness harness = new FuzzHarness();
        long start = System.nanoTime();
        for (int i = 0; i < INPUTS; i++) {
            FrameMutator.Input input = mutator.next();
            MqttDecoder decoder = FrameMutator.decoderFor(input, MAX_SIZES[random.nextInt(MAX_SIZES.length)]);
            String problem = harness.run(decoder, input.bytes(), random);
            if (problem != null) {
                assertThat(problem).as("seed %d input #%d from %s: %s", SEED, i, input.base().name(),
                        Hex.of(input.bytes())).isNull();
            }
        }
        System.out.printf("DecoderRobustnessTest %s in %d ms%n", harness, (System.nanoTime() - start) / 1_000_000);
        // The generator must exercise every outcome, or the test proves little.
        assertThat(harness.decoded).isGreaterThan(INPUTS / 20);
        assertThat(harness.failed).isGreaterThan(INPUTS / 5);
        assertThat(harness.needMore).isGreaterThan(INPUTS / 5);
    }
}
