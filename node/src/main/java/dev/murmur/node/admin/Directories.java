package dev.murmur.node.admin;

import dev.murmur.node.clients.ClientDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Asks the client directory of every node in the cluster and collects their answers. */
final class Directories {
    private final ActorSystem<?> system;
    private final Duration timeout;

    Directories(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    <R> CompletionStage<List<R>> askAll(Function<ActorRef<R>, ClientDirectory.Command> message) {
        CompletionStage<Receptionist.Listing> listing = AskPattern.ask(system.receptionist(),
                r -> Receptionist.find(ClientDirectory.KEY, r), timeout, system.scheduler());
        return listing.thenCompose(l -> {
            Set<ActorRef<ClientDirectory.Command>> directories = l.getServiceInstances(ClientDirectory.KEY);
            List<CompletableFuture<R>> answers = new ArrayList<>();
            for (ActorRef<ClientDirectory.Command> d : directories) {
                answers.add(AskPattern.<ClientDirectory.Command, R>ask(d, message::apply, timeout, system.scheduler())
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .thenApply(v -> answers.stream().map(CompletableFuture::join).toList());
        });
    }
}
