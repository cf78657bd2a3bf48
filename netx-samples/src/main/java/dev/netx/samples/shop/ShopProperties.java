package dev.netx.samples.shop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shop's settings.
 *
 * @param role         which service this context runs: order, payment or inventory
 * @param orderTimeout how long POST /orders waits for the saga before answering 202 PENDING
 * @param seed         the data a role's database starts with (written once, by {@link SeedMigration})
 * @param faults       fault-injection hooks for the fault suite; all off by default
 * @param saga         which versions of the orchestrated order saga this build declares
 */
@ConfigurationProperties("shop")
public record ShopProperties(String role, @DefaultValue("10s") Duration orderTimeout, @DefaultValue Seed seed,
        @DefaultValue Faults faults, @DefaultValue Saga saga) {

    /**
     * The versions of the orchestrated order saga (see {@code PlaceOrderSaga}): a build declares the
     * versions its running sagas may need, and starts new orders with one of them. A rolling deploy
     * from version 1 to 2 runs builds with {@code versions=1,2}; rolling back to 1 keeps declaring 2
     * until its sagas are done.
     *
     * @param versions     the versions declared, among 1 and 2
     * @param startVersion the version new orders start with; one of {@code versions}
     */
    public record Saga(@DefaultValue({"1", "2"}) List<Integer> versions, @DefaultValue("2") int startVersion) {

        /** Validates. */
        public Saga {
            versions = List.copyOf(versions);
            if (versions.isEmpty() || !Set.of(1, 2).containsAll(versions)) {
                throw new IllegalArgumentException("shop.saga.versions=" + versions + " is invalid: 1, 2 or both");
            }
            if (!versions.contains(startVersion)) {
                throw new IllegalArgumentException("shop.saga.start-version=" + startVersion
                        + " is invalid: must be one of shop.saga.versions " + versions);
            }
        }
    }

    /**
     * Seed data, written by each role's first migration run into its empty tables; later starts with
     * other values change nothing.
     *
     * @param customers customers c1..cN of the payment service
     * @param balance   each customer's opening balance
     * @param products  products p1..pM of the inventory service
     * @param stock     each product's opening stock
     */
    public record Seed(@DefaultValue("10") int customers, @DefaultValue("10000") long balance,
            @DefaultValue("5") int products, @DefaultValue("100") long stock) {
    }

    /**
     * Fault-injection hooks, used by the fault suite (netx-faults) to crash a process at an exact
     * moment; never set them in production. Each halts the JVM at once ({@code Runtime.halt}: no
     * shutdown hook, no graceful stop, like {@code kill -9}) the N-th time its moment comes, counted
     * from the start of the process; 0 (the default) never halts.
     *
     * @param haltAfterCommitEvery   payment: right after the database commit of a debit or refund,
     *                               before Netx learns of it (so the message is never acknowledged)
     * @param haltBeforeAnswerEvery  order: right after a saga ended (its last message acknowledged),
     *                               before the HTTP caller is answered
     * @param refundsDownWhile       payment: while this file exists, every refund fails as if the payment
     *                               provider were down (the console's browser test makes dead letters so);
     *                               none by default
     */
    public record Faults(@DefaultValue("0") int haltAfterCommitEvery, @DefaultValue("0") int haltBeforeAnswerEvery,
            @Nullable Path refundsDownWhile) {
    }
}
