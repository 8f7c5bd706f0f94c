package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.Subscribe;
import piot.gateway.router.RouterMessage.Unsubscribe;
import piot.gateway.router.SubscriptionTable.JoinOutcome;

class SubscriptionsTest {
    private static TopicPattern p(String s) {
        return TopicPattern.parse(s).orThrow();
    }

    @Test
    void aPublisherSendsEachEventToTheNodesWhosePatternsMatch() {
        SubscriptionTable table = new SubscriptionTable();
        assertEquals(JoinOutcome.ADDED, table.join("house-1", p("barn-1/air/+")));
        assertEquals(JoinOutcome.ADDED, table.join("phone", p("#")));
        assertEquals(JoinOutcome.ALREADY, table.join("phone", p("#")));
        assertEquals(Set.of("house-1", "phone"), table.subscribers("barn-1", "air", "temperature"));
        assertEquals(Set.of("phone"), table.subscribers("barn-1", "door", "level"));
        assertTrue(table.leave("phone", p("#")));
        assertFalse(table.leave("phone", p("#")));
        assertEquals(Set.of(), table.subscribers("barn-1", "door", "level"));
        assertEquals(Map.of("house-1", Set.of("barn-1/air/+")), table.snapshot());
    }

    @Test
    void aSubscriberCannotHoldUnboundedPatterns() {
        SubscriptionTable table = new SubscriptionTable();
        for (int i = 0; i < SubscriptionTable.MAX_PATTERNS_PER_SUBSCRIBER; i++) {
            assertEquals(JoinOutcome.ADDED, table.join("greedy", p("n" + i + "/#")));
        }
        assertEquals(JoinOutcome.LIMIT_REACHED, table.join("greedy", p("x/#")));
        assertEquals(Set.of(), table.subscribers("x", "a", "b"));
    }

    @Test
    void aJoinForOneNodeGoesOnlyThereAndAWildcardJoinGoesToEveryKnownNode() {
        Interests in = new Interests("house-1");
        List<String> known = List.of("barn-1", "house-1", "shed");
        assertEquals(List.of(new Outgoing("barn-1", new Subscribe("barn-1/#"))), in.want(p("barn-1/#"), known));
        assertEquals(List.of(new Outgoing("barn-1", new Subscribe("+/air/+")), new Outgoing("shed", new Subscribe("+/air/+"))),
                in.want(p("+/air/+"), known));
        assertEquals(List.of(), in.want(p("+/air/+"), known), "already wanted: nothing to send");
        assertTrue(in.wants("shed", "air", "humidity"));
        assertFalse(in.wants("shed", "door", "level"));
        assertEquals(List.of(new Outgoing("barn-1", new Unsubscribe("barn-1/#"))), in.drop(p("barn-1/#"), known));
    }

    @Test
    void aPublisherThatBecomesReachableIsToldAgainWhatItsSubscribersWant() {
        Interests in = new Interests("house-1");
        in.want(p("barn-1/#"), List.of());
        in.want(p("#"), List.of());
        in.want(p("shed/+/t"), List.of());
        assertEquals(List.of(new Outgoing("barn-1", new Subscribe("barn-1/#")), new Outgoing("barn-1", new Subscribe("#"))),
                in.onReachable("barn-1"));
    }

    @Test
    void joinsTravelEndToEndSoAPublisherTwoHopsAwayDeliversToTheSubscriber() {
        // house-1 — relay — barn-1: the JOIN is addressed to barn-1 and routed; barn-1's table
        // then names house-1 as destination of its events, routed back through the relay.
        Interests house = new Interests("house-1");
        SubscriptionTable barn = new SubscriptionTable();
        for (Outgoing o : house.want(p("+/air/temperature"), List.of("relay", "barn-1"))) {
            if (o.destination().equals("barn-1")) {
                barn.join("house-1", p(((Subscribe) o.message()).pattern()));
            }
        }
        assertEquals(Set.of("house-1"), barn.subscribers("barn-1", "air", "temperature"));
    }
}
