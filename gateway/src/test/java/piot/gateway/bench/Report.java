package piot.gateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Builds BENCHMARKS.md from the measurements; every figure in it comes from this run. */
final class Report {
    /** One throughput run at another group-commit window. */
    record Profile(long groupCommitMillis, Rate rate) {}

    /** One action-latency series: its label and its runs. {@code hops} 0 is the MQTT peer. */
    record Latency(String label, int hops, boolean load, List<ActionLatency.Result> runs) {}

    private final Settings s;
    private final Machine machine;
    private final String loadStart;
    private final Instant started;
    private final String command;
    private final StringBuilder body = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();
    private String loadEnd = "";
    private Duration took = Duration.ZERO;

    Report(Settings s, Machine machine, String loadStart, Instant started, String command) {
        this.s = s;
        this.machine = machine;
        this.loadStart = loadStart;
        this.started = started;
        this.command = command;
    }

    void finish(String loadEnd, Duration took) {
        this.loadEnd = loadEnd;
        this.took = took;
    }

    private static <T> Summary sum(List<T> runs, ToDoubleFunction<T> f) {
        return Summary.of(runs.stream().map(f::applyAsDouble).toList());
    }

    private static <T> List<Double> ratios(List<T> a, List<T> b, ToDoubleFunction<T> f) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            out.add(f.applyAsDouble(a.get(i)) / f.applyAsDouble(b.get(i)));
        }
        return out;
    }

    void throughput(List<Rate> piot, List<Rate> peer, double fsyncMicros, List<Profile> profile) {
        Summary ratio = Summary.of(ratios(piot, peer, Rate::perSecond));
        body.append("## 1. Mesh throughput (durable events, one node to another)\n\n")
                .append("piot: `alpha` → `bravo`, two `MeshNode`s in one JVM on loopback, mutual TLS 1.3, each with its own ")
                .append("SQLite `NodeStore` (WAL, `synchronous=FULL`, group commit 5 ms = default) in its own temp dir. ")
                .append("The producer keeps up to 1,000 appends waiting for their fsync; the receiver's handler takes custody ")
                .append("(`SqliteLinkStore.custodyRun`: dedupe marks + inbound watermark, one durable transaction per run of ")
                .append("messages, as the gateway's router does) before returning, ")
                .append("so each counted event is on disk on both sides. ").append(s.meshEvents()).append(" events of ")
                .append(s.bodyBytes()).append("-byte body per run.\n\n")
                .append("Peer: Paho mqttv5 QoS 1 publisher (100 in flight) → Mosquitto (`persistence true`, default ")
                .append("`autosave_interval` 1800 s, `max_inflight_messages 0`, `max_queued_messages 0`) → Paho QoS 1 subscriber; ")
                .append(s.mqttEvents()).append(" events of 8+").append(s.bodyBytes()).append(" bytes per run. ")
                .append("A Mosquitto PUBACK means \"in memory\": what it acknowledged since the last autosave is lost on kill -9.\n\n")
                .append("| | piot | Mosquitto + Paho | piot / peer |\n|---|---|---|---|\n")
                .append("| events/s | ").append(sum(piot, Rate::perSecond).show()).append(" | ")
                .append(sum(peer, Rate::perSecond).show()).append(" | ").append(ratio.show()).append(" |\n")
                .append("| CPU µs per event | ").append(sum(piot, Rate::cpuMicrosPerEvent).show())
                .append(" (one JVM: both nodes) | ").append(sum(peer, Rate::cpuMicrosPerEvent).show())
                .append(" (broker + both clients' JVM) | ")
                .append(Summary.of(ratios(piot, peer, Rate::cpuMicrosPerEvent)).show()).append(" |\n")
                .append("| runs complete | ").append(piot.stream().filter(Rate::complete).count()).append("/").append(piot.size())
                .append(" | ").append(peer.stream().filter(Rate::complete).count()).append("/").append(peer.size()).append(" | |\n\n");
        verdicts.add("| 1 | piot ≥ 1.5× the peer's events/s | " + ratio.show() + "× | " + (ratio.median() >= 1.5 ? "met" : "**missed**") + " |");

        body.append("### What bounds piot's rate\n\n")
                .append("Same benchmark, one run each, other group-commit windows (").append(s.profileEvents()).append(" events):\n\n")
                .append("| holding.group_commit | events/s | CPU µs/event | CPU cores busy |\n|---|---|---|---|\n");
        for (Profile p : profile) {
            body.append("| ").append(p.groupCommitMillis()).append(" ms | ").append(Summary.num(p.rate().perSecond()))
                    .append(" | ").append(Summary.num(p.rate().cpuMicrosPerEvent())).append(" | ")
                    .append(Summary.num(cores(p.rate()))).append(" |\n");
        }
        body.append("\nMedian write+fsync of 4 KiB in the data directory: **").append(Summary.num(fsyncMicros))
                .append(" µs** (200 samples). CPU cores busy in the main runs (CPU time / wall time, this JVM = both nodes): ")
                .append(sum(piot, Report::cores).show()).append(" of ").append(machine.cpus()).append(".\n\n")
                .append("How a message crosses: the producer's append is committed by the sender's group-commit writer ")
                .append("(many appends per fsync); the sender keeps up to 1,024 messages in flight (`mesh` window); the ")
                .append("receiving session gathers every DATA frame already queued behind the first (up to 1,024) and its ")
                .append("handler takes custody of the whole run in ONE transaction (dedupe marks + inbound watermark at the ")
                .append("last message), committed at once rather than after the group-commit window because the session is ")
                .append("waiting on it; one CONFIRM (length + hash of the last message, cumulative) answers the run, and the ")
                .append("sender removes the run from holding in one more commit. So fsyncs are per run, not per message, and ")
                .append("the group-commit window no longer sits on the path (the rows above barely move with it). What is left ")
                .append("per message is CPU: TLS, framing, SHA-256 of the envelope on both sides, SQLite inserts and deletes, ")
                .append("and both nodes share this JVM and the machine's ").append(machine.cpus()).append(" cores with ")
                .append("everything else running on it (load averages above). When the cores-busy figure is near the cores ")
                .append("this process could get, the rate is CPU-bound; the Mosquitto peer spends a fraction of the CPU ")
                .append("per event (row \"CPU µs per event\") because it writes nothing to disk before its PUBACK.\n\n");
    }

    private static double cores(Rate r) {
        return (double) r.cpuNanos() / r.nanos();
    }

    void outage(List<Outage.Result> piot, List<Outage.Result> peer) {
        body.append("## 2. Outage and drain\n\n")
                .append(s.outageRate()).append(" events/s for ").append(s.outageSeconds()).append(" s, link cut for ")
                .append(s.cutSeconds()).append(" s in the middle, then up to ").append(s.drainCapSeconds())
                .append(" s for the rest to arrive. piot: the receiving `MeshNode` is closed and started again on the same ")
                .append("store and port (the sender redials with backoff capped at 1 s). Peer: two Mosquittos joined by a bridge ")
                .append("(`topic # both 1`, `cleansession false`, `queue_qos0_messages true`, `restart_timeout 1 1`), Paho QoS 1 ")
                .append("publisher on the local one, persistent-session (clean start off, 1 h expiry) QoS 1 subscriber on the ")
                .append("remote one; the cut stops the remote broker with SIGTERM (it saves its state) and starts it again. ")
                .append("Drain time runs from the link's return until every event produced before it has arrived; ")
                .append("\"n/a\" means it had not within the wait. *Lost* excludes what is still held, on disk, at the sender.\n\n")
                .append("| per run | piot | Mosquitto bridge |\n|---|---|---|\n");
        row("events produced", piot, peer, Outage.Result::produced);
        row("acknowledged to the producer", piot, peer, Outage.Result::acked);
        row("received (distinct)", piot, peer, Outage.Result::received);
        row("still held at the sender when the wait ended (-1: cannot be read from Mosquitto)", piot, peer, Outage.Result::stillHeld);
        row("lost (peer: missing at the end, lost or still queued)", piot, peer, Outage.Result::lost);
        row("duplicated", piot, peer, Outage.Result::duplicates);
        row("reordered", piot, peer, Outage.Result::reordered);
        row("backlog when the link returned", piot, peer, Outage.Result::backlog);
        row("drain time (s)", piot, peer, Outage.Result::drainSeconds);
        row("drain rate (events/s)", piot, peer, Outage.Result::drainRate);
        row("drain rate / live rate", piot, peer, r -> r.drainRate() / r.liveRate());
        row("delivered/s from the link's return to the end of the wait", piot, peer, Outage.Result::rateAfterReturn);
        row("that / live rate", piot, peer, r -> r.rateAfterReturn() / r.liveRate());
        body.append("\n");
        boolean clean = piot.stream().allMatch(r -> r.lost() == 0 && r.duplicates() == 0 && r.reordered() == 0);
        Summary drain = sum(piot, r -> r.drainRate() / r.liveRate());
        verdicts.add("| 2 | 0 lost, 0 duplicated, 0 reordered | lost " + sum(piot, Outage.Result::lost).show() + ", dup "
                + sum(piot, Outage.Result::duplicates).show() + ", reordered " + sum(piot, Outage.Result::reordered).show()
                + " | " + (clean ? "met" : "**missed**") + " |");
        verdicts.add("| 2 | backlog drained at ≥ 10× the live rate | " + drain.show() + "× | "
                + (drain.median() >= 10 ? "met" : "**missed**") + " |");
        body.append("The drain time includes the reconnect: the sender redials with a backoff capped at 1 s here, and the ")
                .append("TLS handshake; during the drain the live events (").append(s.outageRate())
                .append("/s) keep arriving too. So draining a backlog of B events at ≥ 10× the live rate R means being done ")
                .append("within B / (10 R) = ").append(Summary.num(s.cutSeconds() / 10.0)).append(" s of the link's return, ")
                .append("reconnect included.\n\n");
        if (piot.stream().anyMatch(r -> r.liveRate() > 0 && Double.isNaN(r.drainSeconds()))) {
            long lost = piot.stream().mapToLong(r -> r.lost()).max().orElse(0);
            body.append("piot did not drain within the wait in some runs; what is missing is still held on disk at the sender ")
                    .append("(row \"still held\")").append(lost == 0 ? ", nothing is lost.\n\n"
                            : "; but up to " + lost + " event(s) per run were acknowledged, not held and not received (row \"lost\").\n\n");
        }
    }

    private void row(String name, List<Outage.Result> piot, List<Outage.Result> peer, ToDoubleFunction<Outage.Result> f) {
        body.append("| ").append(name).append(" | ").append(sum(piot, f).show()).append(" | ").append(sum(peer, f).show()).append(" |\n");
    }

    void scale(List<List<StoreScale.Result>> bySize) {
        body.append("## 6b. Scale: backlog (holding, store only)\n\n")
                .append("One peer's backlog in a fresh `NodeStore` (default config, limits raised above the backlog): appended ")
                .append("with up to 1,000 appends awaiting commit, the store closed and reopened (start-up time, size of ")
                .append("`node.db` + WAL), then drained as a session does (`pending` 1,024 at a time, `confirm` each window). ")
                .append(s.bodyBytes()).append("-byte messages. No peer: Mosquitto keeps its queue in memory.\n\n")
                .append("| held messages | runs | append/s | drain/s | on disk | open (ms) |\n|---|---|---|---|---|---|\n");
        for (List<StoreScale.Result> rs : bySize) {
            body.append("| ").append(String.format(Locale.ROOT, "%,d", rs.getFirst().n())).append(" | ").append(rs.size())
                    .append(" | ").append(sum(rs, StoreScale.Result::appendRate).show())
                    .append(" | ").append(sum(rs, StoreScale.Result::drainRate).show())
                    .append(" | ").append(sum(rs, r -> r.dbBytes() / 1048576.0).show()).append(" MiB")
                    .append(" | ").append(sum(rs, StoreScale.Result::openMillis).show()).append(" |\n");
        }
        body.append("\n");
    }

    void actions(List<Latency> series, int samples) {
        body.append("## 3. Action latency\n\n")
                .append("From the request (`StatusModel.submit`, what `POST /api/actions` calls) at a controller gateway to the ")
                .append("final status (completed) recorded back at the controller, for a simulated pump on the greenhouse ")
                .append("gateway. Real gateways in one JVM (router, SQLite holding, mutual-TLS mesh, production timers), ")
                .append("1 hop (controller linked to the greenhouse) and 3 hops (controller — relay — relay — greenhouse). ")
                .append("Under load, the greenhouse also has 10 simulated BME280 sensors at the shortest interval (100 ms), ")
                .append("whose readings flow to the controller. ").append(samples).append(" actions one after the other per run, ")
                .append("after a warm-up. Peer: a QoS 1 MQTT round trip through one Mosquitto (requester → responder → reply, ")
                .append("both QoS 1), which has no actuator, no durability and no hop.\n\n")
                .append("The last two columns are a probe running beside each series in the same JVM: how late a 1 ms ")
                .append("sleep wakes up (p50 / p99, ms). It is the time a ready thread waits for a CPU on this machine; an ")
                .append("action crosses about ten such hand-offs per hop (session reader, session, router, holding writer, ")
                .append("actuator, and back), so when it is large the scheduler, not piot's code or the disk, sets the ")
                .append("latency.\n\n")
                .append("\"Forward p50\" is the part from the request to the actuator's completion on the far gateway ")
                .append("(its status timestamp, wall clock, ms resolution); the rest is the status's way back.\n\n")
                .append("| series | p50 ms | p99 ms | max ms | failed | forward p50 ms | sleep late p50 ms | sleep late p99 ms |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Latency l : series) {
            body.append("| ").append(l.label()).append(" | ").append(sum(l.runs(), x -> x.quantile(0.5)).show())
                    .append(" | ").append(sum(l.runs(), x -> x.quantile(0.99)).show())
                    .append(" | ").append(sum(l.runs(), ActionLatency.Result::max).show())
                    .append(" | ").append(sum(l.runs(), ActionLatency.Result::failed).show())
                    .append(" | ").append(l.hops() == 0 ? "" : sum(l.runs(), x -> x.forward(0.5)).show())
                    .append(" | ").append(sum(l.runs(), x -> x.oversleep(0.5)).show())
                    .append(" | ").append(sum(l.runs(), x -> x.oversleep(0.99)).show()).append(" |\n");
        }
        body.append("\n");
        for (Latency l : series) {
            if (l.hops() == 0 || l.load()) {
                continue;
            }
            double target = l.hops() == 1 ? 2 : 5;
            Summary p99 = sum(l.runs(), x -> x.quantile(0.99));
            verdicts.add("| 3 | action p99 ≤ " + (int) target + " ms over " + l.hops() + (l.hops() == 1 ? " hop" : " hops")
                    + " (at rest) | " + p99.show() + " ms | " + (p99.median() <= target ? "met" : "**missed**") + " |");
        }
    }

    void uplink(List<UplinkThroughput.Result> runs, int n) {
        List<Rate> piot = runs.stream().map(UplinkThroughput.Result::piot).toList();
        List<Rate> paho = runs.stream().map(UplinkThroughput.Result::paho).toList();
        Summary ratio = Summary.of(ratios(piot, paho, Rate::perSecond));
        body.append("## 4. MQTT uplink\n\n")
                .append("piot: readings handed to the MQTT bridge as the router hands them over (`MqttBridge.onEvent`, ")
                .append("hold: all, up to 1,000 awaiting their commit); each is appended to the bridge's durable outbox ")
                .append("(SQLite, default 5 ms group commit) before it is acknowledged, published QoS 1, and removed from the ")
                .append("outbox on PUBACK; the bridge keeps as many unacknowledged as the broker's receive maximum allows. ")
                .append("Peer: a bare Paho QoS 1 publisher (100 in flight, memory persistence: nothing survives a crash). ")
                .append("Same Mosquitto (the harness's, limits raised), same QoS 1 subscriber, same run, ").append(n)
                .append(" readings each. The readings do not cross a mesh hop here (section 1 is that hop).\n\n")
                .append("| | piot outbox → Mosquitto | bare Paho → Mosquitto | piot / bare |\n|---|---|---|---|\n")
                .append("| readings/s | ").append(sum(piot, Rate::perSecond).show()).append(" | ")
                .append(sum(paho, Rate::perSecond).show()).append(" | ").append(ratio.show()).append(" |\n")
                .append("| CPU µs per reading (this JVM + broker) | ").append(sum(piot, Rate::cpuMicrosPerEvent).show()).append(" | ")
                .append(sum(paho, Rate::cpuMicrosPerEvent).show()).append(" | ")
                .append(Summary.of(ratios(piot, paho, Rate::cpuMicrosPerEvent)).show()).append(" |\n")
                .append("| runs complete | ").append(piot.stream().filter(Rate::complete).count()).append("/").append(piot.size())
                .append(" | ").append(paho.stream().filter(Rate::complete).count()).append("/").append(paho.size()).append(" | |\n\n");
        verdicts.add("| 4 | MQTT uplink ≥ 0.8× a bare Paho publisher | " + ratio.show() + "× | "
                + (ratio.median() >= 0.8 ? "met" : "**missed**") + " |");
    }

    void footprint(List<Footprint.Result> plain, List<Footprint.Result> aot) {
        body.append("## 5. Footprint\n\n")
                .append("`piot run --sim` as its own JVM with small-device flags (`" + String.join(" ", Footprint.FLAGS) + "`")
                .append("), a device file with 10 simulated BME280 sensors at 1 s and no peers. ")
                .append("Time to first reading: from process start until `GET /api/things` shows a reading (polled every 10 ms). ")
                .append("RSS: `VmRSS` of the process after ").append(Footprint.IDLE_SECONDS).append(" s idle. With the AOT cache: ")
                .append("the same, with `-XX:AOTCache=` a cache recorded beforehand by one training run ")
                .append("(`-XX:AOTCacheOutput=`, JDK 25).\n\n")
                .append("\"CPU to first reading\" is the CPU time the gateway process had used by then: when it is far ")
                .append("below the wall time, the process was waiting for a CPU (machine load), not working.\n\n")
                .append("| | RSS idle (MiB) | start → first reading (s) | CPU to first reading (s) | runs |\n|---|---|---|---|---|\n")
                .append("| plain | ").append(sum(plain, Footprint.Result::rssMiB).show()).append(" | ")
                .append(sum(plain, Footprint.Result::firstReadingSeconds).show()).append(" | ")
                .append(sum(plain, Footprint.Result::cpuSecondsToFirst).show()).append(" | ").append(plain.size()).append(" |\n");
        if (!aot.isEmpty()) {
            body.append("| AOT cache | ").append(sum(aot, Footprint.Result::rssMiB).show()).append(" | ")
                    .append(sum(aot, Footprint.Result::firstReadingSeconds).show()).append(" | ")
                    .append(sum(aot, Footprint.Result::cpuSecondsToFirst).show()).append(" | ").append(aot.size()).append(" |\n");
        } else {
            body.append("| AOT cache | n/a (the training run did not produce a cache) | | | |\n");
        }
        body.append("\n");
        List<Footprint.Result> best = aot.isEmpty() ? plain : aot;
        Summary rss = sum(best, Footprint.Result::rssMiB);
        Summary first = sum(best, Footprint.Result::firstReadingSeconds);
        String how = aot.isEmpty() ? "" : " (AOT cache)";
        verdicts.add("| 5 | ≤ 64 MB RSS idle, 10 sim sensors | " + rss.show() + " MiB" + how + " | " + (rss.median() <= 64 ? "met" : "**missed**") + " |");
        verdicts.add("| 5 | ≤ 1 s to first reading | " + first.show() + " s" + how + " | " + (first.median() <= 1 ? "met" : "**missed**") + " |");
    }

    void nodes(List<Convergence.Result> results) {
        body.append("## 6a. Scale: nodes\n\n")
                .append("N gateways in a line in one JVM (each dials the next; mutual TLS on loopback; each with its own ")
                .append("SQLite store, HTTP server and one simulated pump). Convergence: from the moment all are started ")
                .append("until the first gateway's directory lists the pump of every other node (routes learnt hop by hop ")
                .append("by distance vector, then the Thing Descriptions sent back along them). Heap: in use after a GC, ")
                .append("all N gateways together. One run per size.\n\n")
                .append("| nodes | start all (s) | converged | nodes reached from the first | time (s) | heap (MiB) | heap per node (MiB) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Convergence.Result c : results) {
            body.append("| ").append(c.nodes()).append(" | ").append(Summary.num(c.startSeconds())).append(" | ")
                    .append(c.converged() ? "yes" : "**no**").append(" | ").append(c.reached()).append(" of ")
                    .append(c.nodes() - 1).append(" | ").append(Summary.num(c.seconds())).append(" | ")
                    .append(Summary.num(c.heapMiB())).append(" | ").append(Summary.num(c.heapMiB() / c.nodes())).append(" |\n");
        }
        body.append("\nRouting is distance vector with INFINITY = ").append(piot.gateway.router.RoutingTable.INFINITY)
                .append(" (as RIP): a destination ").append(piot.gateway.router.RoutingTable.INFINITY)
                .append(" or more hops away is unreachable by design, so in a line of more than ")
                .append(piot.gateway.router.RoutingTable.INFINITY).append(" gateways the ends never see each other and ")
                .append("\"converged\" is no by construction (the row shows how far it reaches). A deployment that long ")
                .append("needs a shorter topology (a second link) rather than a larger INFINITY, which would slow the ")
                .append("count-to-infinity after a link is lost. Throughput per node count was not measured (each hop is ")
                .append("section 1's link; a relay adds one custody commit per run).\n\n");
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# piot benchmarks\n\n")
                .append("Written by `scripts/bench` (").append(s.name()).append(" mode) on ").append(started)
                .append("; the run took ").append(took.toSeconds()).append(" s. Every figure is median (min–max) over ")
                .append(s.runs()).append(" runs unless a table says otherwise, with piot and its peer measured in the same run; ")
                .append("ratios are per run, then summarised. Nothing here is asserted by a test. How to read and ")
                .append("reproduce it: [docs/benchmarks.md](docs/benchmarks.md).\n\n")
                .append("## Machine\n\n| | |\n|---|---|\n")
                .append("| CPUs (nproc) | ").append(machine.cpus()).append(" |\n")
                .append("| CPU model | ").append(machine.cpuModel()).append(" |\n")
                .append("| memory | ").append(machine.memory()).append(" |\n")
                .append("| kernel | ").append(machine.kernel()).append(" |\n")
                .append("| JDK | ").append(machine.jdk()).append(" |\n")
                .append("| load average (1/5/15 min) at start | ").append(loadStart).append(" |\n")
                .append("| load average at end | ").append(loadEnd).append(" |\n\n")
                .append("The machine was shared with other jobs while this ran (see the load averages), which skews absolute ")
                .append("figures; the piot/peer ratios, measured back to back in each run, are the fairer comparison.\n\n")
                .append("Command: `").append(command.strip()).append("`\n\n")
                .append("## Targets\n\n| # | target | measured | |\n|---|---|---|---|\n");
        verdicts.forEach(v -> md.append(v).append('\n'));
        md.append("\n").append(body)
                .append("## Not measured\n\n")
                .append("- Throughput against the number of gateways (section 6a measures convergence and memory only).\n")
                .append("- The MQTT uplink with a mesh hop in front (section 4 feeds the bridge directly; section 1 is the hop).\n")
                .append("- Eclipse Kura as a peer: not installable from Debian; not attempted.\n")
                .append("- Surviving kill -9 is not timed here; it is what the crash tests check (`HoldingCrashIT`, ")
                .append("`CrashDeliveryIT`, `BridgeCrashIT`: every acknowledged message delivered after SIGKILL).\n");
        return md.toString();
    }
}
