package dev.netx.internal.engine;

import dev.netx.ParticipantHandler;
import dev.netx.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The orchestrators of this node's group and the participant handlers it offers, by name. */
final class Orchestrations {

    /** Each orchestrator's versions by number. */
    private final Map<String, Map<Integer, OrchestratorDefinition>> orchestrators = new ConcurrentHashMap<>();
    private final Map<String, ParticipantHandler<?>> participants = new ConcurrentHashMap<>();

    Orchestrations(List<ParticipantHandler<?>> handlers) {
        for (ParticipantHandler<?> handler : handlers) {
            if (participants.putIfAbsent(handler.name(), handler) != null) {
                throw new IllegalArgumentException("two participant handlers named '" + handler.name() + "'");
            }
        }
    }

    void register(OrchestratorDefinition definition) {
        Map<Integer, OrchestratorDefinition> versions =
                orchestrators.computeIfAbsent(definition.name(), name -> new ConcurrentHashMap<>());
        if (versions.putIfAbsent(definition.version(), definition) != null) {
            throw new IllegalStateException("this group already has version " + definition.version()
                    + " of orchestrator '" + definition.name() + "'");
        }
    }

    /** A version of an orchestrator, or {@code null} when this node does not declare it. */
    OrchestratorDefinition orchestrator(String name, int version) {
        Map<Integer, OrchestratorDefinition> versions = orchestrators.get(name);
        return versions == null ? null : versions.get(version);
    }

    /** The versions of an orchestrator this node declares, lowest first; empty for an unknown one. */
    List<Integer> versions(String name) {
        Map<Integer, OrchestratorDefinition> versions = orchestrators.get(name);
        return versions == null ? List.of() : versions.keySet().stream().sorted().toList();
    }

    ParticipantHandler<?> participant(String name) {
        return participants.get(name);
    }

    /** The names of the orchestrators this node declares. */
    Set<String> orchestratorNames() {
        return Set.copyOf(orchestrators.keySet());
    }

    /** The names of this node's participant handlers. */
    Set<String> participantNames() {
        return Set.copyOf(participants.keySet());
    }

    /** Whether this node runs orchestrators (only their group has deadline watches to sweep). */
    boolean hasOrchestrators() {
        return !orchestrators.isEmpty();
    }

    /** Every orchestrator version this node declares, by {@code <name>|<pin>}. */
    Map<String, OrchestratorDefinition> declared() {
        Map<String, OrchestratorDefinition> declared = new TreeMap<>();
        orchestrators.values().forEach(versions -> versions.values().forEach(definition ->
                declared.put(definition.name() + "|" + definition.pin(), definition)));
        return declared;
    }

    /**
     * The pins of every orchestrator version this node declares, as the claim script matches them:
     * {@code ,<name>|<pin>,<name>|<pin>,}.
     */
    String declaredPins() {
        StringBuilder pins = new StringBuilder(",");
        orchestrators.values().forEach(versions -> versions.values().forEach(definition ->
                pins.append(definition.name()).append('|').append(definition.pin()).append(',')));
        return pins.toString();
    }

    /** The groups that this node's orchestrators send remote steps to. */
    Set<String> remoteGroups() {
        return orchestrators.values().stream().flatMap(versions -> versions.values().stream())
                .flatMap(definition -> definition.steps().stream())
                .filter(Step::isRemote).map(Step::group).collect(Collectors.toUnmodifiableSet());
    }

    boolean isEmpty() {
        return participants.isEmpty() && orchestrators.isEmpty();
    }
}
