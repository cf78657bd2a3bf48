package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterNodesViewTest {

    /** CLUSTER NODES of a cluster whose first master was killed: its replica took over, the old one is flagged. */
    private static final String AFTER_A_KILL = String.join("\n",
            "aaa 127.0.0.1:7000@17000 master,fail - 1700000000000 1700000000000 1 disconnected",
            "bbb 127.0.0.1:7001@17001 myself,master - 0 1700000000000 2 connected 5461-10922",
            "ccc 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923-16383",
            "ddd 127.0.0.1:7003@17003 master - 0 1700000000000 4 connected 0-5460 [93-<-eee]",
            "eee 127.0.0.1:7004@17004 slave bbb 0 1700000000000 2 connected",
            "fff 127.0.0.1:7005@17005 slave,fail? ccc 0 1700000000000 3 connected",
            "");

    @Test
    void mastersAreTheHealthyNodesServingSlotsLowestSlotsFirst() {
        ClusterNodesView view = ClusterNodesView.parse(AFTER_A_KILL);

        assertThat(view.masters()).extracting(ClusterNodesView.Entry::port).containsExactly(7003, 7001, 7002);
        assertThat(view.masters()).extracting(ClusterNodesView.Entry::firstSlot).containsExactly(0, 5461, 10923);
    }

    @Test
    void replicasAreTheNodesFollowingAMasterAndNotFailing() {
        ClusterNodesView view = ClusterNodesView.parse(AFTER_A_KILL);

        assertThat(view.replicas()).extracting(ClusterNodesView.Entry::port).containsExactly(7004);
        assertThat(view.replicasOf(7001)).extracting(ClusterNodesView.Entry::port).containsExactly(7004);
        assertThat(view.replicasOf(7002)).extracting(ClusterNodesView.Entry::port).containsExactly(7005);
        assertThat(view.replicasOf(7003)).isEmpty();
        assertThat(view.replicasOf(9999)).isEmpty();
    }
}
