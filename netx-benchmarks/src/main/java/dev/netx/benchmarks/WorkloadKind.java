package dev.netx.benchmarks;

import dev.netx.SagaCall;
import java.util.Locale;

/** The workloads of the issue, by their letter: what each saga does and which groups take part. */
public enum WorkloadKind {
    /** (a) An orchestrator of three local steps, all succeed. */
    ORCHESTRATOR("a", "3 local steps, commit", 1),
    /** (b) The same three local steps, the last one fails: the two before it are compensated. */
    COMPENSATION("b", "3 local steps, last fails, 2 compensations", 1),
    /** (c) Choreography across two groups: start, a listener joins, another listener commits. */
    CHOREOGRAPHY("c", "choreography start/join/commit, 2 groups", 2),
    /** (d) An orchestrator calling remote participant steps of two other groups. */
    REMOTE("d", "local + 2 remote steps, 3 groups", 3);

    private final String letter;
    private final String description;
    private final int groups;

    WorkloadKind(String letter, String description, int groups) {
        this.letter = letter;
        this.description = description;
        this.groups = groups;
    }

    /** The letter of the issue, {@code a} to {@code d}. */
    public String letter() {
        return letter;
    }

    /** What a saga of this workload does. */
    public String description() {
        return description;
    }

    /** How many service groups take part; a run starts this many times {@code nodes} nodes. */
    public int groups() {
        return groups;
    }

    /**
     * Starts the nodes of every group of this workload ({@code nodesPerGroup} each) and returns the
     * workload. Blocks until the nodes are started.
     */
    public Workload setUp(NodeGroup nodes, int nodesPerGroup, SagaCall call) {
        return switch (this) {
            case ORCHESTRATOR -> OrchestratorWorkload.setUp(nodes, nodesPerGroup, call, false);
            case COMPENSATION -> OrchestratorWorkload.setUp(nodes, nodesPerGroup, call, true);
            case CHOREOGRAPHY -> ChoreographyWorkload.setUp(nodes, nodesPerGroup, call.timeout());
            case REMOTE -> RemoteStepsWorkload.setUp(nodes, nodesPerGroup, call);
        };
    }

    /**
     * The workload named by its letter or its name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static WorkloadKind of(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (WorkloadKind kind : values()) {
            if (kind.letter.equals(wanted) || kind.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--workload must be a, b, c or d (or orchestrator, compensation, "
                + "choreography, remote), was '" + name + "'");
    }
}
