package piot.gateway.uplink;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.time.Clock;

/**
 * Turns a message on {@code PREFIX/NODE/THING/ACTION/set} into a submitted action, or into a
 * {@code failed} status / a logged refusal (docs/mqtt.md). Runs on the bridge's command thread.
 */
final class Commands {
    private static final System.Logger LOG = System.getLogger(Commands.class.getName());

    private final MqttSettings settings;
    private final Topics topics;
    private final Clock clock;
    private final ActionSubmitter submitter;
    private final Consumer<ActionStatus> statuses;

    Commands(MqttSettings settings, Topics topics, Clock clock, ActionSubmitter submitter, Consumer<ActionStatus> statuses) {
        this.settings = settings;
        this.topics = topics;
        this.clock = clock;
        this.submitter = submitter;
        this.statuses = statuses;
    }

    void onCommand(String topic, byte[] payload, boolean retained) {
        Optional<Topics.Target> target = topics.parseSet(topic);
        if (target.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "mqtt: ignored a command on '" + topic
                    + "': expected " + settings.topicPrefix() + "/NODE/THING/ACTION/set with names [a-z][a-z0-9_-]{0,31}");
            return;
        }
        Topics.Target t = target.get();
        if (!settings.bridgeAll() && !t.node().equals(settings.nodeName())) {
            return;
        }
        long now = clock.wallMillis();
        switch (Command.decode(payload)) {
            case Command.Bad bad -> {
                if (retained) {
                    LOG.log(System.Logger.Level.WARNING, "mqtt: ignored a malformed retained command on " + topic + ": " + bad.reason());
                    return;
                }
                fail(t, freshId(), "bad command: " + bad.reason(), now);
            }
            case Command.Ok ok -> decided(t, ok.command(), retained, now);
        }
    }

    private void decided(Topics.Target t, Command c, boolean retained, long now) {
        switch (CommandPolicy.decide(c, retained, now, settings.commandExpiry().toMillis(), Commands::freshId)) {
            case CommandPolicy.Ignore ignore ->
                    LOG.log(System.Logger.Level.WARNING, "mqtt: " + topics.set(t.node(), t.thing(), t.action()) + ": " + ignore.reason());
            case CommandPolicy.Submit s -> {
                ActionSubmitter.Submission result;
                try {
                    result = submitter.submit(t.node(), t.thing(), t.action(), c.value(), s.id(), s.expiryWallMillis());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "mqtt: submitting command " + s.id() + " failed", e);
                    result = new ActionSubmitter.Submission.Refused("the gateway could not take it: " + e.getMessage());
                }
                if (result instanceof ActionSubmitter.Submission.Refused r) {
                    fail(t, s.id(), r.reason(), now);
                }
            }
        }
    }

    private void fail(Topics.Target t, String id, String detail, long now) {
        statuses.accept(new ActionStatus(id, t.node(), t.thing(), t.action(), ActionStatus.Status.FAILED, detail, now));
    }

    /** A fresh request id; the router accepts {@code [A-Za-z0-9._:@-]{1,64}}. */
    static String freshId() {
        return "mqtt-" + UUID.randomUUID();
    }
}
