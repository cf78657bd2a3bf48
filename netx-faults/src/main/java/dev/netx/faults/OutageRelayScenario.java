package dev.netx.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue 19: an outage of the payment provider, then the operator's batch relay from the console.
 * The payment processes run with {@code shop.faults.refunds-down-while=<a file of the run>} and
 * {@code netx.max-deliveries=}{@value #MAX_DELIVERIES}; under the usual load the file exists for a
 * drawn 15-30 s, so the refunds of orders debited then refused by inventory fail on every delivery
 * and are dead-lettered. A few seconds after the provider is back the operator opens the console of
 * a drawn order or payment process, as a person would: reads its page for the token, lists the dead
 * letters and relays group payment's in batches of {@value #BATCH} until the list has shown none of
 * the outage's for {@link #QUIET}. Own checks ({@link OutageOutcome}): every dead letter written was
 * relayed and none remains; every order whose refund was dead-lettered ends CANCELLED, debited and
 * refunded once; dead letters did happen. Without the relay ({@code outage-no-relay}) it shows what
 * the relay fixes: the checker's violations are its findings, and it breaks only if nothing showed.
 * With {@code outage-late-relay} the operator comes 55-60 s after the provider is back, past the
 * shop's retention (45 s): the relayed refunds must still find their sagas' state.
 */
final class OutageRelayScenario implements Scenario {

    /** {@code netx.max-deliveries} of the payment processes here: a refund fails twice, then is dead-lettered. */
    static final int MAX_DELIVERIES = 2;
    /** The most dead letters one batch call relays. */
    static final int BATCH = 20;
    /** How long the list must show none of the outage's before the operator is done. */
    static final Duration QUIET = Duration.ofSeconds(10);
    /** How long the operator works at most. */
    private static final Duration OPERATOR_BOUND = Duration.ofSeconds(120);
    /** How long after the operator is done the relayed sagas must have ended. */
    private static final Duration ENDED_BOUND = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    /** A thread for the watch of the relayed sagas' ends: it polls the databases while the operator works. */
    private static final Executor WATCH = task -> {
        Thread thread = new Thread(task, "outage-relay-watch");
        thread.setDaemon(true);
        thread.start();
    };

    private final boolean relay;
    private final boolean late;
    private volatile Outage outage;

    /** @param relay whether the operator relays the dead letters once the provider is back */
    OutageRelayScenario(boolean relay) {
        this(relay, false);
    }

    /**
     * @param relay whether the operator relays the dead letters once the provider is back
     * @param late  whether the operator comes only after the shop's retention has passed since then
     *              ({@code outage-late-relay}: the relayed sagas' state must still be there)
     */
    OutageRelayScenario(boolean relay, boolean late) {
        this.relay = relay;
        this.late = late;
    }

    @Override
    public String name() {
        return !relay ? "outage-no-relay" : late ? "outage-late-relay" : "outage-relay";
    }

    @Override
    public String kind() {
        return "payment provider down (refunds fail, netx.max-deliveries=" + MAX_DELIVERIES + "), its dead letters "
                + (relay ? "relayed in batches from the console" + (late ? " after the retention" : "")
                        : "not relayed");
    }

    @Override
    public boolean showsFailure() {
        return !relay;
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration downAt = Duration.ofSeconds(scale.pick(5, 10) + random.nextInt((int) scale.pick(5, 11)));
        Duration down = Duration.ofSeconds(scale.pick(10, 15) + random.nextInt((int) scale.pick(6, 16)));
        Duration relayAfter = late ? FaultSuite.RETENTION.plusSeconds(10 + random.nextInt(6))
                : Duration.ofSeconds(3 + random.nextInt(4));
        AppProcess console = Schedules.pick(random, Stream.concat(fleet.of("order").stream(),
                fleet.of("payment").stream()).toList());
        outage = new Outage(down, relayAfter, console);
        return new Plan(Duration.ofSeconds(20), List.of(
                new PlannedFault(downAt, "the payment provider down for " + down.toSeconds() + " s", this::down),
                new PlannedFault(downAt.plusMillis(1), relay ? "the operator relays the dead letters from the"
                        + " console of " + console.slot() + " " + relayAfter.toSeconds() + " s after the provider"
                        + " is back" : "no relay", this::afterwards)));
    }

    @Override
    public void prepare(FaultContext context) {
        Outage run = outage;
        try {
            run.directory = Files.createTempDirectory("outage-relay");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.providerDown = run.directory.resolve("payment-provider-down");
        run.startedAtMs = System.currentTimeMillis();
        run.deadLettersBefore = context.redis().state().deadLetters();
        for (AppProcess process : context.fleet().processes()) {
            run.logSizes.put(process.log(), ProcessLogs.size(process.log()));
        }
        Fleet.restart(context.fleet().of("payment"), List.of("--netx.max-deliveries=" + MAX_DELIVERIES,
                "--shop.faults.refunds-down-while=" + run.providerDown));
        context.note("payment runs with netx.max-deliveries=" + MAX_DELIVERIES + ", its refunds fail while "
                + run.providerDown + " exists; " + run.deadLettersBefore + " dead letters before");
    }

    private void down(FaultContext context) throws IOException {
        Outage run = outage;
        Files.writeString(run.providerDown, "down");
        run.downAt = context.now();
        context.fault("the payment provider down");
        Waits.pause(run.down);
        Files.delete(run.providerDown);
        run.upAt = context.now();
        context.healed("payment provider", run.downAt);
    }

    private void afterwards(FaultContext context) {
        Outage run = outage;
        Waits.pause(run.relayAfter);
        if (!relay) {
            // the load goes on as long as with the relay's quiet look, so that the late dead letters show
            Waits.pause(QUIET);
            context.note("no relay");
            return;
        }
        ConsoleOperator operator = ConsoleOperator.open(run.console);
        context.note("the operator opened the console of " + run.console.slot());
        CompletableFuture<Void> watch = null;
        long until = context.now() + OPERATOR_BOUND.toMillis();
        long quietSince = -1;
        while (context.now() < until) {
            long listed = operator.deadLetters().stream().filter(OutageRelayScenario::ofOutage).count();
            if (listed == 0) {
                quietSince = quietSince < 0 ? context.now() : quietSince;
                if (context.now() - quietSince >= QUIET.toMillis()) {
                    break;
                }
                Waits.pause(Duration.ofSeconds(1));
                continue;
            }
            quietSince = -1;
            if (run.firstCallAt < 0) {
                run.firstCallAt = context.now();
                watch = CompletableFuture.runAsync(() -> watchEnds(context, run), WATCH);
            }
            int relayed = operator.relay("payment", BATCH);
            run.calls++;
            run.relayed += relayed;
            context.note("batch relay " + run.calls + ": " + relayed + " dead letters of group payment relayed ("
                    + listed + " of the outage listed)");
            if (relayed == 0) {
                Waits.pause(Duration.ofSeconds(1));
            }
        }
        run.operatorDoneAt = context.now();
        if (watch != null) {
            watch.join();
        }
        context.note(run.endedAt < 0 ? "relayed sagas still not ended " + ENDED_BOUND + " after the operator was"
                + " done" : "the relayed sagas ended, the last " + (run.endedAt - run.firstCallAt)
                        + " ms after the first relay call");
    }

    /**
     * Notes when each saga whose refund was dead-lettered (so far, as the logs tell) is seen ended,
     * until every one has once the operator is done, or {@link #ENDED_BOUND} after that. Blocks.
     */
    private static void watchEnds(FaultContext context, Outage run) {
        Map<String, Long> endedAt = new HashMap<>();
        while (true) {
            Set<String> sagas = DeadLetterLines.since(run.logSizes).stream()
                    .filter(w -> "payment".equals(w.group()) && w.reason().contains(OutageOutcome.PROVIDER_DOWN))
                    .map(DeadLetterLines.Written::sagaId).collect(Collectors.toSet());
            try {
                long now = context.now();
                ended(context.fleet(), sagas).forEach(saga -> endedAt.putIfAbsent(saga, now));
            } catch (RuntimeException e) {
                // a database that did not answer this time: the next poll asks again
            }
            boolean all = endedAt.keySet().containsAll(sagas);
            long done = run.operatorDoneAt;
            if (done >= 0 && all) {
                run.endedAt = endedAt.values().stream().mapToLong(Long::longValue).max().orElse(context.now());
                return;
            }
            if (done >= 0 && context.now() - done > ENDED_BOUND.toMillis()) {
                return;
            }
            Waits.pause(POLL);
        }
    }

    /** The sagas that have their refund recorded and their order CANCELLED. Blocks. */
    private static Set<String> ended(Fleet fleet, Set<String> sagas) {
        Set<String> refunded = fleet.database("payment").query("SELECT idempotency_key FROM netx_idempotency",
                row -> row.getString(1)).stream().map(key -> Effect.of("payment", key)).flatMap(Optional::stream)
                .filter(r -> r.effect() == Effect.REFUND).map(Effect.Recorded::sagaId).collect(Collectors.toSet());
        Set<String> cancelled = Set.copyOf(fleet.database("order").query(
                "SELECT saga_id FROM orders WHERE status = 'CANCELLED'", row -> String.valueOf(row.getString(1))));
        return sagas.stream().filter(s -> refunded.contains(s) && cancelled.contains(s)).collect(Collectors.toSet());
    }

    private static boolean ofOutage(ConsoleOperator.Letter letter) {
        return "payment".equals(letter.group()) && letter.reason().contains(OutageOutcome.PROVIDER_DOWN);
    }

    @Override
    public void restore(FaultContext context) {
        Outage run = outage;
        try {
            Files.deleteIfExists(run.providerDown);
            Files.deleteIfExists(run.directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fleet.restart(context.fleet().of("payment"), List.of());
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        Outage run = outage;
        Set<String> remaining = DeadLetterAudit.since(context.redis(), run.startedAtMs).stream()
                .map(DeadLetterAudit.Letter::deadId).collect(Collectors.toSet());
        OutageOutcome outcome = OutageOutcome.of(DeadLetterLines.since(run.logSizes), remaining, before, after);
        List<Call> during = calls.stream().filter(c -> c.startMs() >= run.downAt && c.startMs() < run.upAt).toList();
        long outOfStock = during.stream().filter(c -> c.kind() == OrderMix.Kind.OUT_OF_STOCK).count();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("providerDownMs", run.upAt - run.downAt);
        numbers.put("ordersDuringOutage", during.size());
        numbers.put("outOfStockDuringOutage", outOfStock);
        numbers.put("deadLettersBefore", run.deadLettersBefore);
        numbers.put("deadLettersWritten", outcome.written());
        numbers.put("refundsDeadLettered", outcome.ofProvider());
        numbers.put("sagasDeadLettered", outcome.sagas());
        numbers.put("sagasRefunded", outcome.refunded());
        numbers.put("ordersNotEnded", outcome.pending());
        numbers.put("deadLettersLeft", outcome.remaining());
        String figure = String.format(Locale.ROOT, "provider down %.1f s: %d orders during it (%d out of stock),"
                + " %d refunds dead-lettered (of %d dead letters; %d there before)", (run.upAt - run.downAt) / 1000.0,
                during.size(), outOfStock, outcome.ofProvider(), outcome.written(), run.deadLettersBefore);
        List<String> findings = new ArrayList<>(outcome.otherFindings());
        if (!relay) {
            figure += String.format(Locale.ROOT, "; not relayed: %d of %d sagas left without their refund (%d orders"
                    + " not ended), %d dead letters left", outcome.sagas() - outcome.refunded(), outcome.sagas(),
                    outcome.pending(), outcome.remaining());
            findings.addAll(0, outcome.shown());
            return new ScenarioCheck(figure, numbers, outcome.unshown(), findings);
        }
        numbers.put("console", run.console.slot());
        numbers.put("batchCalls", run.calls);
        numbers.put("lettersRelayed", run.relayed);
        numbers.put("firstCallAfterUpMs", run.firstCallAt < 0 ? -1 : run.firstCallAt - run.upAt);
        numbers.put("lastSagaEndedAfterFirstCallMs", run.endedAt < 0 || run.firstCallAt < 0 ? -1
                : run.endedAt - run.firstCallAt);
        String ended = run.endedAt < 0 ? "the relayed sagas not ended within " + ENDED_BOUND.toSeconds() + " s"
                : String.format(Locale.ROOT, "the last relayed saga ended %.1f s after the first call",
                        (run.endedAt - run.firstCallAt) / 1000.0);
        figure += run.calls == 0 ? "; the operator found nothing to relay on " + run.console.slot() + "'s console"
                : String.format(Locale.ROOT, "; relayed from %s's console %.1f s after the provider was back: %d"
                        + " batch calls, %d letters relayed, %s; %d of %d sagas refunded, %d dead letters left",
                        run.console.slot(), (run.firstCallAt - run.upAt) / 1000.0, run.calls, run.relayed, ended,
                        outcome.refunded(), outcome.sagas(), outcome.remaining());
        List<String> violations = new ArrayList<>(outcome.violations(run.relayed));
        if (run.calls > 0 && run.endedAt < 0) {
            violations.add("the relayed sagas had not ended " + ENDED_BOUND + " after the operator's last call");
        }
        if (run.relayed > outcome.ofProvider()) {
            findings.add("the operator relayed " + (run.relayed - outcome.ofProvider()) + " dead letters of group"
                    + " payment more than the outage wrote (from before the run)");
        }
        return new ScenarioCheck(figure, numbers, violations, findings);
    }

    /** One run of the outage, on the scenario's timeline; written by its steps, read by its check. */
    private static final class Outage {
        final Duration down;
        final Duration relayAfter;
        final AppProcess console;
        final Map<Path, Long> logSizes = new HashMap<>();
        volatile Path directory;
        volatile Path providerDown;
        volatile long startedAtMs;
        volatile long deadLettersBefore;
        volatile long downAt = -1;
        volatile long upAt = -1;
        volatile long firstCallAt = -1;
        volatile long operatorDoneAt = -1;
        volatile long endedAt = -1;
        volatile int calls;
        volatile int relayed;

        Outage(Duration down, Duration relayAfter, AppProcess console) {
            this.down = down;
            this.relayAfter = relayAfter;
            this.console = console;
        }
    }
}
