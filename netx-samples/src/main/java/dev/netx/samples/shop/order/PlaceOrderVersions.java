package dev.netx.samples.shop.order;

import dev.netx.Orchestrator;
import dev.netx.OrchestratorFactory;
import dev.netx.samples.shop.OrderLine;
import dev.netx.samples.shop.ShopProperties;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versions of the order saga this build declares ({@code shop.saga.versions}), and the one that
 * new orders start with ({@code shop.saga.start-version}).
 */
public final class PlaceOrderVersions {

    private final Map<Integer, Orchestrator<OrderLine, OrderLine>> declared = new TreeMap<>();
    private final int startVersion;

    /** Declares the versions. */
    public PlaceOrderVersions(OrchestratorFactory factory, Orders orders, ShopProperties.Saga saga) {
        saga.versions().forEach(version -> declared.put(version, PlaceOrderSaga.define(factory, orders, version)));
        this.startVersion = saga.startVersion();
    }

    /** The orchestrator new orders start with. */
    public Orchestrator<OrderLine, OrderLine> current() {
        return declared.get(startVersion);
    }
}
