package dev.netx.test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One node's view of a Redis Cluster, parsed from its {@code CLUSTER NODES} reply: who serves which
 * slots and who replicates whom, as that node believes now.
 *
 * @param entries one per node it knows
 */
record ClusterNodesView(List<Entry> entries) {

    /**
     * One line of {@code CLUSTER NODES}.
     *
     * @param id        the node's id
     * @param port      its client port
     * @param master    whether it is flagged master
     * @param failing   whether it is flagged {@code fail} or {@code fail?}
     * @param masterId  the id of the master it replicates, or {@code -}
     * @param firstSlot the lowest slot it serves, or -1 if none
     */
    record Entry(String id, int port, boolean master, boolean failing, String masterId, int firstSlot) {
    }

    static ClusterNodesView parse(String clusterNodes) {
        return new ClusterNodesView(clusterNodes.lines().filter(line -> !line.isBlank()).map(ClusterNodesView::entry).toList());
    }

    private static Entry entry(String line) {
        String[] fields = line.split(" ");
        String address = fields[1];
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
        List<String> flags = Arrays.asList(fields[2].split(","));
        int firstSlot = Arrays.stream(fields, 8, fields.length)
                .filter(field -> !field.startsWith("["))
                .mapToInt(field -> Integer.parseInt(field.split("-")[0]))
                .min().orElse(-1);
        return new Entry(fields[0], port, flags.contains("master"), flags.contains("fail") || flags.contains("fail?"),
                fields[3], firstSlot);
    }

    /** The masters that serve slots and are not failing, lowest slots first. */
    List<Entry> masters() {
        return entries.stream().filter(e -> e.master() && !e.failing() && e.firstSlot() >= 0)
                .sorted(Comparator.comparingInt(Entry::firstSlot)).toList();
    }

    /** The nodes that replicate a master and are not failing. */
    List<Entry> replicas() {
        return entries.stream().filter(e -> !e.master() && !e.failing() && !e.masterId().equals("-")).toList();
    }

    /** The nodes that replicate the node on the port. */
    List<Entry> replicasOf(int masterPort) {
        String masterId = entries.stream().filter(e -> e.port() == masterPort).map(Entry::id).findFirst().orElse("?");
        return entries.stream().filter(e -> !e.master() && e.masterId().equals(masterId)).toList();
    }
}
