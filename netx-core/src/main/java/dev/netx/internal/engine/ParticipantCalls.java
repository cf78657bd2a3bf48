package dev.netx.internal.engine;

import dev.netx.AsyncStepFunction;
import dev.netx.NetxOptions;
import dev.netx.ParticipantHandler;
import dev.netx.StepTimeoutException;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.spi.HandlerCall;
import java.util.concurrent.CompletionStage;

/**
 * Calls from orchestrators of other groups to this group's participant handlers: runs the handler
 * under its policy (a compensation exactly once, under its lease) and replies to the orchestrator's
 * group in the same script that acknowledges the call. A call past the saga's deadline is refused
 * without running, so no work starts that the orchestrator will not wait for.
 */
final class ParticipantCalls {

    private static final int COMPENSATION_ATTEMPTS = 3;

    private final NetxOptions options;
    private final Orchestrations orchestrations;
    private final Outcomes outcomes;
    private final ExceptionEnvelopes envelopes;
    private final StepRunner runner;
    private final Deliveries deliveries;
    private final Advances advances;
    private final CompensationLeases leases;
    private final RateLimiter rateLimits;

    ParticipantCalls(NetxOptions options, Orchestrations orchestrations, Outcomes outcomes,
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
        this.rateLimits = rateLimits;
    }

    /**
     * Runs the called handler (a compensation once, under its lease), once its rate limit lets it,
     * and replies to the orchestrator.
     */
    void call(Delivery delivery, OrchestrationMessage message) {
        ParticipantHandler<?> handler = orchestrations.participant(message.handler());
        if (handler == null) {
            deliveries.leave(delivery, "unknown participant handler '" + message.handler() + "' in group "
                    + options.group(), message.sagaId());
            return;
        }
        String key = OrchestrationHandler.key(message, message.compensating() ? "compensate" : "step");
        Runnable run = () -> runHandler(delivery, message, handler, key);
        // the permit first: a call waiting for it holds no compensation lease
        rateLimits.whenPermitted(handler.name(), delivery, message.sagaId(), message.compensating()
                ? () -> leases.begin(delivery, message.sagaId(), key, false, run) : run);
    }

    private void runHandler(Delivery delivery, OrchestrationMessage message, ParticipantHandler<?> handler,
            String key) {
        ContextValues context;
        Object input;
        try {
            context = ContextValues.decode(outcomes.codec(), message.sagaId(), key, message.context(),
                    message.compensating() ? failureOf(message) : null);
            input = message.payload() == null ? null : outcomes.codec().decode(message.payload(), handler.input().type());
        } catch (RuntimeException e) {
            deliveries.leave(delivery, "participant input does not decode: " + e.getMessage(), message.sagaId());
            return;
        }
        @SuppressWarnings("unchecked")
        AsyncStepFunction<Object, Object> function = (AsyncStepFunction<Object, Object>) handler.function();
        int attempts = message.compensating() ? COMPENSATION_ATTEMPTS : 1;
        if (!message.compensating() && OrchestrationHandler.pastDeadline(message)) {
            // never start work the orchestrator will not wait for: it rolls the saga back instead
            replyTo(delivery, message, null, envelopes.encode(OrchestrationHandler.deadline(message)), context, key);
            return;
        }
        HandlerCall call = new HandlerCall(message.sagaId(), message.compensating()
                ? HandlerCall.Kind.PARTICIPANT_COMPENSATION : HandlerCall.Kind.PARTICIPANT, handler.name(),
                options.group());
        CompletionStage<Object> result = runner.run(call, message.headers(), () -> function.apply(input, context),
                handler.policy(), attempts, timeout -> new StepTimeoutException(message.sagaId(), message.step(),
                        timeout));
        result.whenComplete((output, failure) -> {
            if (failure != null && message.compensating()) {
                deliveries.leave(delivery, "participant compensation '" + handler.name() + "' failed: " + failure,
                        message.sagaId());
                return;
            }
            String payload = null;
            String envelope = failure == null ? null : envelopes.encode(failure);
            if (failure == null && !message.compensating()) {
                try {
                    payload = outcomes.encode(output);
                } catch (RuntimeException e) {
                    envelope = envelopes.encode(e);
                }
            }
            replyTo(delivery, message, payload, envelope, context, key);
        });
    }

    private void replyTo(Delivery delivery, OrchestrationMessage message, String payload, String envelope,
            ContextValues context, String key) {
        OrchestrationMessage reply = new OrchestrationMessage(OrchestrationMessage.REPLY, message.sagaId(),
                message.orchestrator(), message.step(), payload, envelope, context.encode(), null,
                message.compensating(), null, message.deadline(), options.group(), options.nodeName(),
                message.attempt(), message.pin());
        advances.run(delivery, message, Advance.reply(message.replyTo(), reply,
                message.compensating() ? key : null));
    }

    private Throwable failureOf(OrchestrationMessage message) {
        return message.failure() == null ? null : envelopes.decode(message.failure());
    }
}
