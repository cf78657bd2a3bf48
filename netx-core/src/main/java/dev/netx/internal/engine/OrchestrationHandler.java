package dev.netx.internal.engine;

import dev.netx.AsyncStepFunction;
import dev.netx.NetxOptions;
import dev.netx.SagaDeadlineException;
import dev.netx.SagaState;
import dev.netx.Step;
import dev.netx.StepTimeoutException;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.spi.HandlerCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs orchestrated sagas, one message at a time: a local step or compensation of an orchestrator
 * of this group, or a participant's reply (calls to this group's participant handlers go to
 * {@link ParticipantCalls}).
 * Each message ends with one {@link Advance}: the next message (the next step, the next
 * compensation, a call or a reply) and the saga's new state, written atomically with the ack.
 */
final class OrchestrationHandler {

    private static final int COMPENSATION_ATTEMPTS = 3;

    private final NetxOptions options;
    private final Orchestrations orchestrations;
    private final Outcomes outcomes;
    private final ExceptionEnvelopes envelopes;
    private final StepRunner runner;
    private final Deliveries deliveries;
    private final Advances advances;
    private final CompensationLeases leases;
    private final ParticipantCalls participants;

    OrchestrationHandler(NetxOptions options, Orchestrations orchestrations, Outcomes outcomes,
            ExceptionEnvelopes envelopes, StepRunner runner, Deliveries deliveries, Advances advances,
            CompensationLeases leases, RateLimiter rateLimits) {
        this.options = options;
        this.orchestrations = orchestrations;
        this.outcomes = outcomes;
        this.envelopes = envelopes;
        this.runner = runner;
        this.deliveries = deliveries;
        this.advances = advances;
        this.leases = leases;
        this.participants = new ParticipantCalls(options, orchestrations, outcomes, envelopes, runner, deliveries,
                advances, leases, rateLimits);
    }

    /** Handles a tracked delivery; returns at once. */
    void handle(Delivery delivery) {
        OrchestrationMessage message;
        try {
            message = OrchestrationMessage.parse(delivery.fields());
        } catch (IllegalArgumentException e) {
            deliveries.leave(delivery, "undecodable orchestration message: " + e.getMessage(), null);
            return;
        }
        if (OrchestrationMessage.CALL.equals(message.kind())) {
            participants.call(delivery, message);
            return;
        }
        OrchestratorDefinition definition = orchestrations.orchestrator(message.orchestrator(), message.version());
        String unrunnable = unrunnable(message, definition);
        if (unrunnable != null) {
            // another node of the group may declare that version: the message goes round until one takes it
            deliveries.waitForVersion(delivery, unrunnable, message.sagaId());
            return;
        }
        if (definition.step(message.step()) == null) {
            deliveries.leave(delivery, "orchestrator '" + message.orchestrator() + "' version " + definition.version()
                    + " has no step " + message.step(), message.sagaId());
            return;
        }
        switch (message.kind()) {
            case OrchestrationMessage.FORWARD -> forward(delivery, message, definition);
            case OrchestrationMessage.BACKWARD -> compensate(delivery, message, definition);
            // no answer by the deadline: undo the earlier steps, and this one if its call may have run
            case OrchestrationMessage.DEADLINE -> failed(delivery, message, definition,
                    message.compensating() ? message.step() : message.step() - 1, message.context(), List.of(),
                    deadline(message));
            default -> reply(delivery, message, definition);
        }
    }

    private void forward(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition) {
        int index = message.step();
        Step<?, ?> step = definition.step(index);
        if (step.isRemote()) {
            deliveries.leave(delivery, "step " + index + " of " + definition.name() + " is remote", message.sagaId());
            return;
        }
        ContextValues context;
        Object input;
        try {
            context = ContextValues.decode(outcomes.codec(), message.sagaId(), key(message, "step"), message.context());
            input = message.payload() == null ? null : outcomes.codec().decode(message.payload(),
                    definition.inputOf(index));
        } catch (RuntimeException e) {
            deliveries.leave(delivery, "step input does not decode: " + e.getMessage(), message.sagaId());
            return;
        }
        runLocal(delivery, message, definition, index, input, context, new ArrayList<>());
    }

    /**
     * Runs local step {@code index} and, while the next step is local too, the next ones within the
     * same delivery, as a workflow engine runs local activities: their outputs pass in memory, and
     * only where the chain ends (the saga's result, a remote call, a failure) is the saga written, with
     * the inputs that later compensations need ({@code stored}). A node that dies in the middle leaves
     * the message to another node, which runs the chain again from its first step: steps are
     * at-least-once, each with its own idempotency key.
     */
    private void runLocal(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition, int index,
            Object input, ContextValues context, List<String> stored) {
        if (pastDeadline(message)) {
            failed(delivery, message, definition, index - 1, context.encode(), stored, deadline(message));
            return;
        }
        ContextValues before = context.copy();
        @SuppressWarnings("unchecked")
        AsyncStepFunction<Object, Object> function = (AsyncStepFunction<Object, Object>) definition.step(index)
                .function();
        ContextValues stepContext = context.forKey(key(message.sagaId(), index, "step"));
        runner.run(call(message, index, HandlerCall.Kind.STEP), message.headers(),
                () -> function.apply(input, stepContext), definition.step(index).policy(), 1,
                timeout -> new StepTimeoutException(message.sagaId(), index, timeout))
                .whenComplete((output, failure) -> {
                    if (failure != null) {
                        failed(delivery, message, definition, index - 1, before.encode(), stored, failure);
                        return;
                    }
                    int next = index + 1;
                    boolean chainEnds = definition.isLast(index) || definition.step(next).isRemote();
                    String payload = null;
                    if (chainEnds || definition.step(next).isCompensated()) {
                        try {
                            payload = outcomes.encode(output);
                        } catch (RuntimeException e) {
                            failed(delivery, message, definition, index, stepContext.encode(), stored, e);
                            return;
                        }
                    }
                    if (chainEnds) {
                        succeeded(delivery, message, definition, index, payload, stepContext.encode(), stored);
                        return;
                    }
                    if (payload != null) {
                        stored.add("in:" + next);
                        stored.add(payload);
                    }
                    runLocal(delivery, message, definition, next, output, stepContext, stored);
                });
    }

    private void reply(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition) {
        int index = message.step();
        if (message.compensating()) {
            backward(delivery, message, definition, index - 1, Advance.compensating(message.context(), null));
        } else if (message.failure() != null) {
            Throwable failure = envelopes.decode(message.failure());
            Step<?, ?> step = definition.step(index);
            if (step.policy().retries(failure, message.attempt()) && !pastDeadline(message)) {
                retryCall(delivery, message, definition, step);
                return;
            }
            backward(delivery, message, definition, index - 1,
                    Advance.startCompensating(message.context(), message.failure(), Outcomes.describe(failure)));
        } else if (pastDeadline(message)) {
            // the remote step did its work: it is compensated too
            failed(delivery, message, definition, index, message.context(), List.of(), deadline(message));
        } else if (!definition.isLast(index) && !definition.step(index + 1).isRemote()) {
            // the local steps that follow run here and now, from the reply
            int next = index + 1;
            ContextValues context;
            Object input;
            try {
                context = ContextValues.decode(outcomes.codec(), message.sagaId(), key(message.sagaId(), next, "step"),
                        message.context());
                input = message.payload() == null ? null : outcomes.codec().decode(message.payload(),
                        definition.inputOf(next));
            } catch (RuntimeException e) {
                deliveries.leave(delivery, "step output does not decode: " + e.getMessage(), message.sagaId());
                return;
            }
            List<String> stored = new ArrayList<>();
            if (definition.step(next).isCompensated()) {
                stored.add("in:" + next);
                stored.add(message.payload() == null ? "" : message.payload());
            }
            runLocal(delivery, message, definition, next, input, context, stored);
        } else {
            succeeded(delivery, message, definition, index, message.payload(), message.context(), List.of());
        }
    }

    /**
     * Why this node cannot run a message of a saga pinned to another version of its orchestrator, or
     * another chain under the same version; {@code null} when it can.
     */
    private String unrunnable(OrchestrationMessage message, OrchestratorDefinition definition) {
        if (definition == null) {
            List<Integer> declared = orchestrations.versions(message.orchestrator());
            return "the saga started with version " + message.version() + " of orchestrator '"
                    + message.orchestrator() + "', which node " + options.nodeName() + " of group " + options.group()
                    + " does not declare" + (declared.isEmpty() ? "" : " (it declares versions " + declared + ")");
        }
        if (message.pin() != null && !message.pin().equals(definition.pin())) {
            return "the saga started with version " + message.version() + " of orchestrator '" + message.orchestrator()
                    + "' as chain " + message.pin() + ", node " + options.nodeName() + " has version "
                    + definition.version() + " as chain " + definition.pin()
                    + ": two deploys declare different steps under one version";
        }
        return null;
    }

    /** Calls a remote step again, after its backoff, with the input stored when it was first called. */
    private void retryCall(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition,
            Step<?, ?> step) {
        int attempt = message.attempt() + 1;
        OrchestrationMessage call = new OrchestrationMessage(OrchestrationMessage.CALL, message.sagaId(),
                definition.name(), message.step(), null, null, message.context(), step.handler(), false, options.group(),
                message.deadline(), options.group(), options.nodeName(), attempt, definition.pin());
        Advance retry = Advance.next(SagaState.STARTED, message.context(), step.group(), null, List.of())
                .then(step.group(), call, "in:" + message.step());
        runner.later(step.policy().backoffBefore(attempt), () -> advances.run(delivery, message, retry));
    }

    /** Step {@code index} is done: commits the saga, or sends the next step's message. */
    private void succeeded(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition,
            int index, String output, String context, List<String> stored) {
        if (definition.isLast(index)) {
            advances.run(delivery, message, Advance.commit(context, output));
            return;
        }
        int next = index + 1;
        Step<?, ?> step = definition.step(next);
        List<String> store = new ArrayList<>(stored);
        if (step.isCompensated() || step.isRemote()) {
            store.add("in:" + next);
            store.add(output == null ? "" : output);
        }
        OrchestrationMessage nextMessage = step.isRemote()
                ? new OrchestrationMessage(OrchestrationMessage.CALL, message.sagaId(), definition.name(), next, output,
                        null, context, step.handler(), false, options.group(), message.deadline(), options.group(),
                        options.nodeName(), 1, definition.pin())
                : new OrchestrationMessage(OrchestrationMessage.FORWARD, message.sagaId(), definition.name(), next,
                        output, null, context, null, false, null, message.deadline(), options.group(),
                        options.nodeName(), 1, definition.pin());
        String target = step.isRemote() ? step.group() : options.group();
        advances.run(delivery, message, Advance.next(SagaState.STARTED, context, target, nextMessage, store));
    }

    /** A step failed: the saga compensates the steps up to {@code from}, with their stored inputs. */
    private void failed(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition, int from,
            String context, List<String> stored, Throwable failure) {
        backward(delivery, message, definition, from, Advance.startCompensating(context, envelopes.encode(failure),
                Outcomes.describe(failure)).storing(stored));
    }

    /** Moves to the compensation of the last undoable step up to {@code from}, or ends the saga rolled back. */
    private void backward(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition, int from,
            Advance base) {
        int index = definition.lastCompensatedUpTo(from);
        if (index < 0) {
            advances.run(delivery, message, base.rolledBack());
            return;
        }
        Step<?, ?> step = definition.step(index);
        OrchestrationMessage next = step.isRemote()
                ? new OrchestrationMessage(OrchestrationMessage.CALL, message.sagaId(), definition.name(), index, null,
                        null, base.contextOr(message.context()), step.compensationHandler(), true, options.group(),
                        message.deadline(), options.group(), options.nodeName(), 1, definition.pin())
                : new OrchestrationMessage(OrchestrationMessage.BACKWARD, message.sagaId(), definition.name(), index,
                        null, null, base.contextOr(message.context()), null, true, null, message.deadline(),
                        options.group(), options.nodeName(), 1, definition.pin());
        advances.run(delivery, message, base.then(step.isRemote() ? step.group() : options.group(), next,
                "in:" + index));
    }

    private void compensate(Delivery delivery, OrchestrationMessage message, OrchestratorDefinition definition) {
        int index = message.step();
        Step<?, ?> step = definition.step(index);
        String key = key(message, "compensate");
        leases.begin(delivery, message.sagaId(), key, false, () -> {
            ContextValues context;
            Object input;
            try {
                context = ContextValues.decode(outcomes.codec(), message.sagaId(), key, message.context(),
                        failureOf(message));
                input = message.payload() == null ? null : outcomes.codec().decode(message.payload(),
                        definition.inputOf(index));
            } catch (RuntimeException e) {
                deliveries.leave(delivery, "compensation input does not decode: " + e.getMessage(), message.sagaId());
                return;
            }
            @SuppressWarnings("unchecked")
            dev.netx.AsyncCompensation<Object> compensation = (dev.netx.AsyncCompensation<Object>) step.compensation();
            runner.run(call(message, message.step(), HandlerCall.Kind.COMPENSATION), message.headers(),
                    () -> compensation.compensate(input, context), step.policy(), COMPENSATION_ATTEMPTS,
                    timeout -> new StepTimeoutException(message.sagaId(), index, timeout))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            deliveries.leave(delivery, "compensation of step " + index + " failed: " + failure,
                                    message.sagaId());
                        } else {
                            backward(delivery, message, definition, index - 1,
                                    Advance.compensating(context.encode(), key));
                        }
                    });
        });
    }

    private HandlerCall call(OrchestrationMessage message, int step, HandlerCall.Kind kind) {
        return new HandlerCall(message.sagaId(), kind, message.orchestrator() + "." + step, options.group());
    }

    private Throwable failureOf(OrchestrationMessage message) {
        return message.failure() == null ? null : envelopes.decode(message.failure());
    }

    static boolean pastDeadline(OrchestrationMessage message) {
        return message.deadline() > 0 && System.currentTimeMillis() > message.deadline();
    }

    static SagaDeadlineException deadline(OrchestrationMessage message) {
        return new SagaDeadlineException(message.sagaId(), Instant.ofEpochMilli(message.deadline()));
    }

    static String key(OrchestrationMessage message, String phase) {
        return key(message.sagaId(), message.step(), phase);
    }

    static String key(String sagaId, int step, String phase) {
        return sagaId + ":" + step + ":" + phase;
    }
}
