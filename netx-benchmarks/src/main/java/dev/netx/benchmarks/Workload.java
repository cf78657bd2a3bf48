package dev.netx.benchmarks;

import java.util.concurrent.CompletionStage;

/** One kind of saga set up on started nodes: runs one saga per call. */
@FunctionalInterface
public interface Workload {

    /**
     * Starts one saga and completes when it has ended: with {@code true} when it ended as the workload
     * expects (committed, or rolled back for the compensation workload), {@code false} otherwise, or
     * exceptionally when it could not start or its outcome did not come in time. Does not block.
     *
     * @param sequence a number unique within the run, for the request's content
     */
    CompletionStage<Boolean> call(long sequence);
}
