package dev.netx.internal.engine;

import dev.netx.Step;
import dev.netx.TypeRef;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;

/**
 * An orchestrator's chain as the engine runs it.
 *
 * @param name        unique within the group
 * @param requestType the saga's request type
 * @param steps       the steps, first to last
 * @param deadline    the saga's deadline from its start, or {@code null}
 */
record OrchestratorDefinition(String name, TypeRef<?> requestType, List<Step<?, ?>> steps, Duration deadline) {

    OrchestratorDefinition {
        steps = List.copyOf(steps);
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
