package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import piot.gateway.status.ApiClient;
import piot.gateway.status.Durations;
import piot.gateway.status.Reports;

/**
 * {@code piot act NODE/THING/ACTION [VALUE]}: request an action anywhere in the mesh through a
 * gateway's API and, with {@code --wait}, print its status updates until the final one.
 */
@Command(name = "act", mixinStandardHelpOptions = true,
        description = "Request an action on a thing anywhere in the mesh and print its status updates.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:accepted (with --wait: completed)", "1:failed, expired, or the gateway could not be reached",
                "2:usage error, or the gateway refused the request (unknown thing, bad value, token)"})
public final class ActCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 200;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE/THING/ACTION", description = "e.g. greenhouse-1/pump/set")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE",
            description = "The value: a number, true/false, or text such as on/off.")
    String value;

    @Option(names = "--expiry", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long the request stays valid, e.g. 30s, 5m (default: ${DEFAULT-VALUE}, at most 24h).")
    String expiry;

    @Option(names = "--wait", description = "Follow the status until it is final; exit 0 only when completed.")
    boolean waitForFinal;

    @Option(names = "--url", paramLabel = "URL", defaultValue = ApiClient.DEFAULT_URL,
            description = "Base URL of the gateway's HTTP API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:PIOT_TOKEN}",
            description = "Token for a gateway that listens beyond loopback (default: $PIOT_TOKEN).")
    String token;

    @Option(names = "--json", description = "Print JSON: the acceptance, or with --wait the final status history.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        String[] parts = target.split("/", -1);
        if (parts.length != 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "target must be NODE/THING/ACTION, e.g. greenhouse-1/pump/set; got '" + target + "'");
        }
        Duration validFor = Durations.parse(expiry).filter(d -> !d.isZero())
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--expiry must be an integer and a unit (ms, s, m, h, d), e.g. 30s; got '" + expiry + "'"));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApiClient api = new ApiClient(url, token, Duration.ofSeconds(10));

        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("node", parts[0]);
        body.put("thing", parts[1]);
        body.put("action", parts[2]);
        body.set("value", value == null ? JsonNodeFactory.instance.nullNode() : valueNode(value));
        body.put("expiry", expiry);
        ApiClient.Answer answer = api.post("/api/actions", body);
        if (!(answer instanceof ApiClient.Answer.Ok accepted)) {
            err.println("piot: " + ApiClient.explain("POST /api/actions", answer));
            err.flush();
            return answer instanceof ApiClient.Answer.Refused r && r.status() / 100 == 4 ? 2 : 1;
        }
        String id = accepted.body().path("id").asText();
        if (!waitForFinal) {
            out.println(json ? accepted.body().toPrettyString()
                    : "accepted " + target + (value == null ? "" : " " + value) + " as action " + id + " (pending); status: "
                    + api.base().resolve(accepted.body().path("url").asText()));
            out.flush();
            return 0;
        }
        if (!json) out.println("action " + id + ": " + target + (value == null ? "" : " " + value));
        return follow(api, id, validFor, out, err);
    }

    /** Polls the status history, printing each new update, until a final status or a deadline past the expiry. */
    private int follow(ApiClient api, String id, Duration validFor, PrintWriter out, PrintWriter err) throws InterruptedException {
        long deadline = System.nanoTime() + validFor.plusSeconds(15).toNanos();
        int printed = 0;
        ZoneId zone = ZoneId.systemDefault();
        while (System.nanoTime() < deadline) {
            JsonNode h = api.fetchOrExplain("/api/actions/" + id, err);
            if (h == null) return 1;
            JsonNode updates = h.path("updates");
            for (; printed < updates.size(); printed++) {
                if (!json) out.println("  " + Reports.update(updates.get(printed), zone));
            }
            out.flush();
            if (h.path("final").asBoolean()) {
                if (json) out.println(h.toPrettyString());
                out.flush();
                return h.path("status").asText().equals("completed") ? 0 : 1;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        err.println("piot: action " + id + " has no final status " + Durations.format(validFor.plusSeconds(15)) + " after it was requested");
        err.flush();
        return 1;
    }

    /** A command-line value as JSON: numbers and true/false keep their type, anything else is text. */
    static JsonNode valueNode(String v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v.equals("true") || v.equals("false")) return f.booleanNode(Boolean.parseBoolean(v));
        if (v.matches("-?[0-9]{1,18}")) return f.numberNode(Long.parseLong(v));
        if (v.matches("-?[0-9]+\\.[0-9]+([eE][-+]?[0-9]+)?")) return f.numberNode(Double.parseDouble(v));
        return f.textNode(v);
    }
}
