package dev.murmur.node.retained;

import dev.murmur.node.routing.RoutedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Gathers the pages of a wildcard browse (admin API) from every retained bucket into one page
 * of at most the requested size with the total over all buckets; after {@code timeout} it answers
 * with what arrived, so one slow bucket cannot hold the API call.
 */
final class BrowseAggregator {
    /** What the timer sends itself: a page with a negative total. */
    private static final RetainedCommand.RetainedPage TIMEOUT = new RetainedCommand.RetainedPage(List.of(), -1);

    private BrowseAggregator() {
    }

    static Behavior<RetainedCommand.RetainedPage> create(RetainedCommand.Browse browse, int buckets, Duration timeout) {
        return Behaviors.withTimers(timers -> {
            timers.startSingleTimer(TIMEOUT, timeout);
            List<RoutedMessage> page = new ArrayList<>();
            int[] state = {0, 0}; // answers, total
            return Behaviors.receive(RetainedCommand.RetainedPage.class)
                    .onMessage(RetainedCommand.RetainedPage.class, p -> {
                        boolean timedOut = p.total() < 0;
                        if (!timedOut) {
                            state[0]++;
                            state[1] += p.total();
                            for (RoutedMessage m : p.messages()) {
                                if (page.size() < browse.limit()) {
                                    page.add(m);
                                }
                            }
                        }
                        if (timedOut || state[0] == buckets) {
                            browse.replyTo().tell(new RetainedCommand.RetainedPage(List.copyOf(page), state[1]));
                            return Behaviors.stopped();
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
