package dev.netx;

import io.lettuce.core.AbstractRedisClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Netx nodes of a test, each on its own Lettuce client, all closed at the end. */
final class Nodes implements AutoCloseable {

    private final Supplier<AbstractRedisClient> clients;
    private final List<Netx> nodes = new ArrayList<>();
    private final List<AbstractRedisClient> opened = new ArrayList<>();

    Nodes(Supplier<AbstractRedisClient> clients) {
        this.clients = clients;
    }

    /** A started node with the given listeners. */
    Netx start(NetxOptions options, SagaListener<?>... listeners) {
        return start(options, builder -> {
            for (SagaListener<?> listener : listeners) {
                builder.listener(listener);
            }
        });
    }

    /** A started node, the builder adjusted by the test. */
    synchronized Netx start(NetxOptions options, Consumer<Netx.Builder> customizer) {
        AbstractRedisClient client = clients.get();
        opened.add(client);
        Netx.Builder builder = Netx.builder(client, options);
        customizer.accept(builder);
        Netx netx = builder.build();
        nodes.add(netx);
        netx.start();
        return netx;
    }

    @Override
    public synchronized void close() {
        nodes.forEach(Netx::close);
        opened.forEach(AbstractRedisClient::shutdown);
        nodes.clear();
        opened.clear();
    }
}
