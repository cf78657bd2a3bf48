package dev.netx;

/** Creates the orchestrators of a node's group. Usable before the node is started. */
public interface OrchestratorFactory {

    /**
     * Starts the definition of an orchestrator; it is registered when its last step is added with
     * {@link OrchestratorBuilder#commit(Step)}.
     *
     * @param name        unique within the group
     * @param requestType the type of the saga's request
     */
    <Q> OrchestratorBuilder<Q, Q> create(String name, Class<Q> requestType);

    /** As {@link #create(String, Class)}, for a generic request type. */
    <Q> OrchestratorBuilder<Q, Q> create(String name, TypeRef<Q> requestType);
}
