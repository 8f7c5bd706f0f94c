package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import piot.time.Clock;

/** Corruption under TLS (a byte flipped on the wire) ends the connection; the session resumes losslessly. */
class MeshTlsCorruptionTest {
    @Test
    void aByteFlippedUnderTlsKillsTheConnectionAndNothingIsLostOrRepeated() throws Exception {
        TestNetwork net = new TestNetwork("home");
        var atBravo = new TestNetwork.Recorder();
        List<String> downs = new CopyOnWriteArrayList<>();
        try (MeshNode bravo = MeshNode.start(net.settings("bravo"), new InMemoryLinkStore(), Clock.system(), atBravo);
             ByteProxy proxy = new ByteProxy(bravo.port());
             MeshNode alpha = MeshNode.start(net.settings("alpha").withLinks(List.of(new Link("bravo", "127.0.0.1", proxy.port(), true, Link.Source.CONFIG))),
                     new InMemoryLinkStore(), Clock.system(), d -> { })) {
            // Bravo would dial alpha directly, around the proxy; a configured link to a dead port keeps it from doing so.
            bravo.links().learn(new Link("alpha", "127.0.0.1", 1, true, Link.Source.CONFIG));
            SessionListener recordDowns = new SessionListener() {
                @Override
                public void onSessionUp(String peer) { }

                @Override
                public void onSessionDown(String peer, String reason) {
                    downs.add(reason);
                }
            };
            alpha.addListener(recordDowns);
            bravo.addListener(recordDowns);
            for (int round = 0; round < 3; round++) {
                for (long i = round * 100L + 1; i <= round * 100L + 100; i++) {
                    alpha.send("bravo", TestNetwork.message("alpha", "bravo", i));
                }
                int downsBefore = downs.size();
                long started = round * 100L;
                await("round " + round + " delivering", Duration.ofSeconds(10), () -> atBravo.count("alpha") > started);
                proxy.corruptNextChunk();
                await("the corrupted connection to drop", Duration.ofSeconds(10), () -> downs.size() > downsBefore);
            }
            await("all 300", Duration.ofSeconds(20), () -> atBravo.count("alpha") == 300);
            assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), atBravo.from("alpha"));
            assertTrue(downs.stream().anyMatch(r -> r.contains("bad_record_mac")), "TLS detected the corruption: " + downs);
        }
    }
}
