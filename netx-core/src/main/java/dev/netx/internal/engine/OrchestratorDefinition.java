package dev.netx.internal.engine;

import dev.netx.Step;
import dev.netx.TypeRef;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An orchestrator's chain as the engine runs it.
 *
 * @param name        unique within the group
 * @param requestType the saga's request type
 * @param steps       the steps, first to last
 * @param deadline    the saga's deadline from its start, or {@code null}
 * @param version     the chain's version, from 1
 * @param pin         {@code <version>:<fingerprint of the chain>}, recorded with every saga and message
 *                    of it, so that only this chain ever runs them; derived, pass {@code null}
 * @param stepNames   each step's name: its own, or {@code <group>.<handler>} for a remote step and
 *                    {@code local-<index>} for a local one, with {@code -2}, {@code -3}... for a default
 *                    name that comes again; derived, pass {@code null}
 */
record OrchestratorDefinition(String name, TypeRef<?> requestType, List<Step<?, ?>> steps, Duration deadline,
        int version, String pin, List<String> stepNames) {

    OrchestratorDefinition {
        steps = List.copyOf(steps);
        Set<String> names = new HashSet<>();
        List<String> named = new ArrayList<>();
        List<String> parts = new ArrayList<>(List.of(name, Integer.toString(version)));
        for (int index = 0; index < steps.size(); index++) {
            Step<?, ?> step = steps.get(index);
            String stepName = step.name();
            if (stepName == null) {
                String base = step.isRemote() ? step.group() + "." + step.handler() : "local-" + index;
                stepName = base;
                for (int occurrence = 2; names.contains(stepName); occurrence++) {
                    stepName = base + "-" + occurrence;
                }
            } else if (names.contains(stepName)) {
                throw new IllegalArgumentException("orchestrator '" + name + "' has two steps named '" + stepName
                        + "': name them with Step.named");
            }
            names.add(stepName);
            named.add(stepName);
            parts.addAll(Arrays.asList(stepName, step.isRemote() ? step.group() : "", String.valueOf(step.handler()),
                    String.valueOf(step.compensationHandler()), step.compensation() != null ? "undo" : ""));
        }
        pin = version + ":" + Fingerprints.of(parts.toArray(String[]::new));
        stepNames = List.copyOf(named);
    }

    OrchestratorDefinition(String name, TypeRef<?> requestType, List<Step<?, ?>> steps, Duration deadline,
            int version) {
        this(name, requestType, steps, deadline, version, null, null);
    }

    /** The step at an index, or {@code null} if there is none. */
    Step<?, ?> step(int index) {
        return index >= 0 && index < steps.size() ? steps.get(index) : null;
    }

    /** What the step at an index takes: the request, or the previous step's output. */
    Type inputOf(int index) {
        return index == 0 ? requestType.type() : steps.get(index - 1).output().type();
    }

    boolean isLast(int index) {
        return index == steps.size() - 1;
    }

    /** The highest index up to {@code from} whose step can be undone, or -1. */
    int lastCompensatedUpTo(int from) {
        for (int index = Math.min(from, steps.size() - 1); index >= 0; index--) {
            if (steps.get(index).isCompensated()) {
                return index;
            }
        }
        return -1;
    }
}
