package dev.netx;

import java.util.Objects;

/**
 * A version of an orchestrator of this node's group, as the operator of a rolling deploy needs it:
 * whether this node declares it, and how many of its sagas have not finished (an older version may
 * be dropped once none is left).
 *
 * @param orchestrator the orchestrator's name
 * @param version      its version
 * @param pin          {@code <version>:<fingerprint of the chain>}: two deploys with the same version
 *                     and different chains show as two entries
 * @param declaredHere whether this node declares it
 * @param running      its sagas started and not finished, in the whole namespace (a saga that
 *                     expired unfinished, after {@link NetxOptions#runningRetention()}, stays counted)
 */
public record OrchestratorVersion(String orchestrator, int version, String pin, boolean declaredHere,
        long running) {

    /** Validates. */
    public OrchestratorVersion {
        Objects.requireNonNull(orchestrator, "orchestrator");
        Objects.requireNonNull(pin, "pin");
    }
}
