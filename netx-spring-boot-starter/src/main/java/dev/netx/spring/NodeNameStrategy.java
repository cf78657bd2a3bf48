package dev.netx.spring;

import dev.netx.NetxOptions;

/**
 * Names this process's Netx node when {@code netx.node-name} is not set. The name must be unique
 * among the running processes of a group, and should stay the same across restarts of one instance
 * when it can (a restarted node then resumes its own pending messages at once instead of waiting for
 * {@code netx.orphan-timeout}). Declare a bean of this type to replace the default.
 */
@FunctionalInterface
public interface NodeNameStrategy {

    /** The node name: 1-100 letters, digits, '.', '_', '@' or '-'. */
    String nodeName();

    /** The default: the host name and the process id, see {@link NetxOptions#defaultNodeName()}. */
    static NodeNameStrategy hostAndPid() {
        return NetxOptions::defaultNodeName;
    }
}
