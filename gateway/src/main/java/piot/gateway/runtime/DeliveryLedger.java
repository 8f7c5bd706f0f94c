package piot.gateway.runtime;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.router.RouterMessage;
import piot.time.Clock;

/**
 * What this gateway produced, delivered and executed, as append-only text lines, for
 * {@code scripts/chaos-report} to reconcile across a test mesh. Off unless the system property
 * {@value #PROPERTY} names a file (only {@code scripts/chaos} sets it). Each line is
 * {@code WALL_MS NODE WHAT FIELDS...}, space-separated; node names, ids and thing names hold no spaces:
 * <ul>
 *   <li>{@code produced DEST SOURCE_SEQ THING/KEY}: an event held in full for a subscriber;</li>
 *   <li>{@code delivered SOURCE SOURCE_SEQ VIA}: an event taken into custody at its destination
 *       (after end-to-end dedupe, so each line is one delivery to the application);</li>
 *   <li>{@code requested ID NODE THING EXPIRY_MS}: an action request accepted from a user here;</li>
 *   <li>{@code executed ID REQUESTER THING EXPIRY_MS}: the actuator ran the action here;</li>
 *   <li>{@code status ID STATUS}: an action status from the executor reached its requester
 *       (whether or not the requester still waited for it);</li>
 *   <li>{@code final ID STATUS}: the requester learned the final status.</li>
 * </ul>
 * Lines are written unbuffered (a kill -9 loses none that were written; no fsync, so a power cut
 * could). A write failure is logged once and switches the ledger off: it never stops the gateway.
 */
final class DeliveryLedger {
    static final String PROPERTY = "piot.ledger";
    private static final System.Logger LOG = System.getLogger(DeliveryLedger.class.getName());
    private static final DeliveryLedger OFF = new DeliveryLedger(null, null, Clock.system());
    private static volatile DeliveryLedger instance = OFF;

    private final String node;
    private final Clock clock;
    private OutputStream out;

    DeliveryLedger(String node, OutputStream out, Clock clock) {
        this.node = node;
        this.out = out;
        this.clock = clock;
    }

    /** Opens the ledger named by {@value #PROPERTY}, if any, for {@code node}. */
    static void openFromProperty(String node, Clock clock) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            instance = new DeliveryLedger(node, new FileOutputStream(file, true), clock);
            LOG.log(Level.INFO, "delivery ledger: {0}", file);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot open the delivery ledger " + file + ": " + e.getMessage() + "; running without it");
        }
    }

    static DeliveryLedger get() {
        return instance;
    }

    /** For tests: use {@code l} until the returned previous ledger is set back. */
    static DeliveryLedger set(DeliveryLedger l) {
        DeliveryLedger previous = instance;
        instance = l;
        return previous;
    }

    void produced(Envelope e) {
        if (out != null) {
            line("produced " + e.destination() + " " + e.sourceSeq() + " " + topic(e));
        }
    }

    void delivered(Envelope e, String via) {
        if (out != null) {
            line("delivered " + e.source() + " " + e.sourceSeq() + " " + via);
        }
    }

    /** A message for this node taken into custody: events and action statuses are recorded. */
    void inbound(Envelope e, String via) {
        if (out == null) {
            return;
        }
        if ("event".equals(e.type())) {
            delivered(e, via);
        } else if ("action-status".equals(e.type())
                && piot.gateway.router.RouterCodec.decode(e.type(), e.body()) instanceof piot.gateway.router.Parsed.Ok<RouterMessage> ok
                && ok.value() instanceof RouterMessage.ActionStatus s) {
            line("status " + s.requestId() + " " + s.status().wire());
        }
    }

    void requested(RouterMessage.ActionRequest a) {
        if (out != null) {
            line("requested " + a.requestId() + " " + a.node() + " " + a.thing() + " " + a.expiryWallMillis());
        }
    }

    void executed(RouterMessage.ActionRequest a) {
        if (out != null) {
            line("executed " + a.requestId() + " " + a.requester() + " " + a.thing() + " " + a.expiryWallMillis());
        }
    }

    void finalStatus(RouterMessage.ActionStatus s) {
        if (out != null) {
            line("final " + s.requestId() + " " + s.status().wire());
        }
    }

    private static String topic(Envelope e) {
        return piot.gateway.router.RouterCodec.decode(e.type(), e.body()) instanceof piot.gateway.router.Parsed.Ok<RouterMessage> ok
                && ok.value() instanceof RouterMessage.EventMessage m ? m.thing() + "/" + m.key() : "?";
    }

    private synchronized void line(String text) {
        if (out == null) {
            return;
        }
        try {
            out.write((clock.wallMillis() + " " + node + " " + text + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "delivery ledger write failed: " + e.getMessage() + "; ledger off");
            out = null;
        }
    }
}
