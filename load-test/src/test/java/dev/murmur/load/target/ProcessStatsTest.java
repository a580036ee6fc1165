package dev.murmur.load.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void parsesRssAndCpuEvenWithSpacesInTheCommandName() {
        List<String> status = List.of("Name:\tmosquitto", "VmHWM:\t   20480 kB", "VmRSS:\t   12288 kB");
        String stat = "4242 (my broker (x)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 1 0 100";
        ProcessStats.Sample s = ProcessStats.parse(status, stat);
        assertThat(s.rssBytes()).isEqualTo(12_288L * 1024);
        assertThat(s.peakRssBytes()).isEqualTo(20_480L * 1024);
        assertThat(s.cpuSeconds()).isEqualTo(3.0);
    }

    @Test
    void readsThisVeryProcess() {
        ProcessStats.Sample s = ProcessStats.read((int) ProcessHandle.current().pid());
        assertThat(s).isNotNull();
        assertThat(s.rssBytes()).isPositive();
        assertThat(ProcessStats.read(Integer.MAX_VALUE)).isNull();
    }
}
