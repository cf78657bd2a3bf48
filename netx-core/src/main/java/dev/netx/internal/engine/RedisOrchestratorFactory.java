package dev.netx.internal.engine;

import dev.netx.Orchestrator;
import dev.netx.OrchestratorBuilder;
import dev.netx.OrchestratorFactory;
import dev.netx.Step;
import dev.netx.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Builds orchestrators and registers them with this node's group. */
final class RedisOrchestratorFactory implements OrchestratorFactory {

    private final Orchestrations orchestrations;
    private final Function<OrchestratorDefinition, Orchestrator<?, ?>> launcher;

    RedisOrchestratorFactory(Orchestrations orchestrations,
            Function<OrchestratorDefinition, Orchestrator<?, ?>> launcher) {
        this.orchestrations = orchestrations;
        this.launcher = launcher;
    }

    @Override
    public <Q> OrchestratorBuilder<Q, Q> create(String name, Class<Q> requestType) {
        return create(name, TypeRef.of(requestType));
    }

    @Override
    public <Q> OrchestratorBuilder<Q, Q> create(String name, TypeRef<Q> requestType) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("orchestrator name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
        return new Chain<>(name, Objects.requireNonNull(requestType, "requestType"), new ArrayList<>(), null, 1);
    }

    private final class Chain<Q, C> implements OrchestratorBuilder<Q, C> {
        private final String name;
        private final TypeRef<Q> requestType;
        private final List<Step<?, ?>> steps;
        private final Duration deadline;
        private final int version;

        private Chain(String name, TypeRef<Q> requestType, List<Step<?, ?>> steps, Duration deadline, int version) {
            this.name = name;
            this.requestType = requestType;
            this.steps = steps;
            this.deadline = deadline;
            this.version = version;
        }

        @Override
        public <O> OrchestratorBuilder<Q, O> start(Step<? super C, O> step) {
            if (!steps.isEmpty()) {
                throw new IllegalStateException("orchestrator '" + name + "' already has a first step");
            }
            return add(step);
        }

        @Override
        public <O> OrchestratorBuilder<Q, O> join(Step<? super C, O> step) {
            requireStarted();
            return add(step);
        }

        @Override
        public OrchestratorBuilder<Q, C> deadline(Duration deadline) {
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            return new Chain<>(name, requestType, steps, deadline, version);
        }

        @Override
        public OrchestratorBuilder<Q, C> version(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("orchestrator '" + name + "': version must be at least 1, was "
                        + version);
            }
            return new Chain<>(name, requestType, steps, deadline, version);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <O> Orchestrator<Q, O> commit(Step<? super C, O> step) {
            List<Step<?, ?>> all = new ArrayList<>(steps);
            all.add(Objects.requireNonNull(step, "step"));
            OrchestratorDefinition definition = new OrchestratorDefinition(name, requestType, all, deadline, version);
            orchestrations.register(definition);
            return (Orchestrator<Q, O>) launcher.apply(definition);
        }

        private <O> Chain<Q, O> add(Step<? super C, O> step) {
            List<Step<?, ?>> next = new ArrayList<>(steps);
            next.add(Objects.requireNonNull(step, "step"));
            return new Chain<>(name, requestType, next, deadline, version);
        }

        private void requireStarted() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("orchestrator '" + name + "' must start with start(step)");
            }
        }
    }
}
