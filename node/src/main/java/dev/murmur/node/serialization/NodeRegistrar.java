package dev.murmur.node.serialization;

import dev.murmur.node.clients.ClientDirectory;
import dev.murmur.node.clients.ClientQuery;
import dev.murmur.node.connection.ClientConnection;
import dev.murmur.node.durable.DirectoryCommand;
import dev.murmur.node.durable.DirectoryEvent;
import dev.murmur.node.durable.DurableHub;
import dev.murmur.node.durable.DurableReply;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.retained.RetainedEvent;
import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.routing.RouteIndexCommand;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.routing.SharedGroupCommand;
import dev.murmur.node.session.SessionInfo;
import dev.murmur.node.session.ConnectRequest;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.QueuedMessage;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.SessionEvent;
import dev.murmur.node.session.SessionSnapshot;
import dev.murmur.node.session.SessionState;
import dev.murmur.node.sys.NodeCounts;
import dev.murmur.persistence.serialization.KryoRegistrar;
import dev.murmur.persistence.serialization.KryoRegistry;

/**
 * Kryo ids 200..499 for the broker core's messages and session events. The ids are written into
 * journals and travel between nodes: never change or reuse one; a new class takes the next free id
 * of its block. {@code SerializationCoverageTest} fails when a message type has no id.
 */
public final class NodeRegistrar implements KryoRegistrar {

    @Override
    public void registerTo(KryoRegistry r) {
        // session commands: 200..229
        r.register(200, SessionCommand.Attach.class);
        r.register(201, SessionCommand.Detach.class);
        r.register(202, SessionCommand.Subscribe.class);
        r.register(203, SessionCommand.Unsubscribe.class);
        r.register(204, SessionCommand.PubAckReceived.class);
        r.register(205, SessionCommand.PubRecReceived.class);
        r.register(206, SessionCommand.PubCompReceived.class);
        r.register(207, SessionCommand.InboundQos2Stored.class);
        r.register(208, SessionCommand.InboundQos2Released.class);
        r.register(209, SessionCommand.DeliveryDropped.class);
        r.register(210, SessionCommand.WriteCredit.class);
        r.register(211, SessionCommand.Deliver.class);
        r.register(212, SessionCommand.SubscriptionsRouted.class);
        r.register(213, SessionCommand.RetainedFound.class);
        r.register(214, SessionCommand.Expire.class);
        r.register(215, SessionCommand.Stop.class);
        r.register(216, ConnectRequest.class);
        r.register(217, QueuedMessage.class);
        r.register(218, SessionSnapshot.class);
        r.register(219, SessionState.Inflight.class);
        r.register(220, SessionState.SubscriptionEntry.class);
        r.register(221, SessionCommand.DeliverConfirmed.class);
        r.register(222, SessionCommand.ConnectionTerminated.class);
        r.register(223, SessionCommand.ConnectionLost.class);
        // connection output: 230..249
        r.register(230, ConnectionOutput.Attached.class);
        r.register(231, ConnectionOutput.Outgoing.class);
        r.register(232, ConnectionOutput.OutgoingPubRel.class);
        r.register(233, ConnectionOutput.SubscribeDone.class);
        r.register(234, ConnectionOutput.UnsubscribeDone.class);
        r.register(235, ConnectionOutput.Kicked.class);
        r.register(238, ConnectionOutput.Routed.class);
        r.register(239, ConnectionOutput.InboundQos2Recorded.class);
        r.register(240, ConnectionOutput.Disconnected.class);
        r.register(241, ConnectionOutput.SessionMoved.class);
        r.register(236, ConnectionOutput.HubConfirmed.class);
        r.register(237, ConnectionOutput.SessionConfirmed.class);
        // session events (journal): 250..279
        r.register(250, SessionEvent.StateCleared.class);
        r.register(251, SessionEvent.SubscriptionAdded.class);
        r.register(252, SessionEvent.SubscriptionRemoved.class);
        r.register(253, SessionEvent.MessageEnqueued.class);
        r.register(254, SessionEvent.OldestQos0Dropped.class);
        r.register(255, SessionEvent.MessageSent.class);
        r.register(256, SessionEvent.MessageAcknowledged.class);
        r.register(257, SessionEvent.MessageReceived.class);
        r.register(258, SessionEvent.InboundQos2Stored.class);
        r.register(259, SessionEvent.InboundQos2Released.class);
        r.register(260, SessionEvent.WillSet.class);
        r.register(261, SessionEvent.WillCleared.class);
        r.register(262, SessionEvent.ExpiryChanged.class);
        r.register(263, SessionEvent.ExpiryScheduled.class);
        r.register(264, SessionEvent.MessageStored.class);
        r.register(265, SessionEvent.QueuedHeadExpired.class);
        r.register(266, SessionEvent.Connected.class);
        r.register(267, SessionEvent.Disconnected.class);
        // routing: 280..299
        r.register(280, RoutedMessage.class);
        r.register(281, HubCommand.Route.class);
        r.register(282, HubCommand.AddSubscriptions.class);
        r.register(283, HubCommand.RemoveSubscriptions.class);
        r.register(284, HubCommand.RoutesWritten.class);
        r.register(285, HubSubscription.class);
        r.register(286, RouteIndexCommand.AddRoutes.class);
        r.register(287, RouteIndexCommand.RemoveRoutes.class);
        r.register(288, RouteIndexCommand.RoutesAdded.class);
        r.register(289, HubCommand.RouteConfirmed.class);
        r.register(290, HubCommand.RestoreSubscriptions.class);
        r.register(291, HubCommand.SessionStopped.class);
        r.register(292, HubCommand.FlushAcks.class);
        r.register(293, HubCommand.ListSubscribers.class);
        r.register(294, HubCommand.Subscribers.class);
        r.register(295, HubCommand.AddSharedGroup.class);
        r.register(296, HubCommand.RemoveSharedGroup.class);
        // retained: 300..319
        r.register(300, RetainedCommand.Put.class);
        r.register(301, RetainedCommand.Lookup.class);
        r.register(302, RetainedCommand.PutConfirmed.class);
        r.register(303, RetainedCommand.Wake.class);
        r.register(304, RetainedCommand.Flush.class);
        r.register(305, RetainedEvent.RetainedSet.class);
        r.register(306, RetainedEvent.RetainedCleared.class);
        r.register(307, RetainedEvent.RetainedSnapshot.class);
        r.register(308, RetainedCommand.Browse.class);
        r.register(309, RetainedCommand.RetainedPage.class);
        r.register(310, RetainedCommand.Remove.class);
        r.register(311, RetainedCommand.Removed.class);
        // shared subscription groups: 320..329
        r.register(320, SharedGroupCommand.Join.class);
        r.register(321, SharedGroupCommand.Leave.class);
        r.register(322, SharedGroupCommand.MemberStatus.class);
        r.register(323, SharedGroupCommand.Route.class);
        r.register(324, SharedGroupCommand.Redeliver.class);
        r.register(325, SharedGroupCommand.GroupRouted.class);
        // session commands, continued: 330..349
        r.register(330, SessionCommand.DeliverShared.class);
        r.register(331, SessionCommand.DisconnectClient.class);
        r.register(332, SessionCommand.WillDelayElapsed.class);
        r.register(333, SessionCommand.GetInfo.class);
        r.register(334, SessionCommand.Discard.class);
        r.register(335, SessionCommand.Discarded.class);
        r.register(336, SessionCommand.TakeoverSettled.class);
        r.register(339, SessionCommand.WakeUp.class);
        r.register(340, SessionCommand.PredecessorConnectionLost.class);
        r.register(337, SessionInfo.class);
        r.register(338, SessionInfo.SubscriptionView.class);
        // operations (admin API across nodes): 350..369
        r.register(350, ClientDirectory.ListClients.class);
        r.register(351, ClientDirectory.ClientPage.class);
        r.register(352, ClientDirectory.FindClient.class);
        r.register(353, ClientDirectory.FoundClient.class);
        r.register(354, ClientDirectory.Kick.class);
        r.register(355, ClientDirectory.KickResult.class);
        r.register(356, ClientDirectory.ListSessions.class);
        r.register(357, ClientDirectory.SessionIds.class);
        r.register(358, ClientQuery.class);
        r.register(359, ClientConnection.class);
        r.register(360, RouteIndexCommand.ListRoutes.class);
        r.register(361, RouteIndexCommand.RouteList.class);
        // durable sessions: 400..449
        r.register(400, DirectoryCommand.IsDurable.class);
        r.register(401, DirectoryCommand.Register.class);
        r.register(402, DirectoryCommand.Unregister.class);
        r.register(403, DirectoryCommand.RecordSubscriptions.class);
        r.register(404, DirectoryCommand.ForgetSubscriptions.class);
        r.register(405, DirectoryCommand.Replay.class);
        r.register(406, DirectoryCommand.MarkOnline.class);
        r.register(410, DurableReply.DirectoryAnswer.class);
        r.register(411, DurableReply.Registered.class);
        r.register(412, DurableReply.Unregistered.class);
        r.register(413, DurableReply.Replayed.class);
        r.register(414, DurableReply.Purged.class);
        r.register(415, DurableReply.HubFed.class);
        r.register(416, DurableReply.Flush.class);
        r.register(420, DirectoryEvent.ClientRegistered.class);
        r.register(421, DirectoryEvent.ClientUnregistered.class);
        r.register(422, DirectoryEvent.SubscriptionsRecorded.class);
        r.register(423, DirectoryEvent.SubscriptionsForgotten.class);
        r.register(424, DirectoryEvent.DirectorySnapshot.class);
        r.register(425, DirectoryEvent.ClientOnline.class);
        r.register(426, DirectoryEvent.ClientOffline.class);
        r.register(430, DurableHub.Wake.class);
        r.register(431, DurableHub.Ready.class);
        // cluster $SYS counts (issue 10): 440..449
        r.register(440, NodeCounts.class);
        r.register(441, RouteIndexCommand.SyncKeys.class);
        r.register(442, RouteIndexCommand.KeysSynced.class);
        r.register(443, RouteIndexCommand.SyncRoutes.class);
    }
}
