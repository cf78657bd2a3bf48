package dev.netx.internal.engine;

import dev.netx.ParticipantHandler;
import dev.netx.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The orchestrators of this node's group and the participant handlers it offers, by name. */
final class Orchestrations {

    private final Map<String, OrchestratorDefinition> orchestrators = new ConcurrentHashMap<>();
    private final Map<String, ParticipantHandler<?>> participants = new ConcurrentHashMap<>();

    Orchestrations(List<ParticipantHandler<?>> handlers) {
        for (ParticipantHandler<?> handler : handlers) {
            if (participants.putIfAbsent(handler.name(), handler) != null) {
                throw new IllegalArgumentException("two participant handlers named '" + handler.name() + "'");
            }
        }
    }

    void register(OrchestratorDefinition definition) {
        if (orchestrators.putIfAbsent(definition.name(), definition) != null) {
            throw new IllegalStateException("this group already has an orchestrator named '" + definition.name() + "'");
        }
    }

    OrchestratorDefinition orchestrator(String name) {
        return orchestrators.get(name);
    }

    ParticipantHandler<?> participant(String name) {
        return participants.get(name);
    }

    /** Whether this node runs orchestrators (only their group has deadline watches to sweep). */
    boolean hasOrchestrators() {
        return !orchestrators.isEmpty();
    }

    /** The groups that this node's orchestrators send remote steps to. */
    Set<String> remoteGroups() {
        return orchestrators.values().stream().flatMap(definition -> definition.steps().stream())
                .filter(Step::isRemote).map(Step::group).collect(Collectors.toUnmodifiableSet());
    }

    boolean isEmpty() {
        return participants.isEmpty() && orchestrators.isEmpty();
    }
}
