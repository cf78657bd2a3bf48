package dev.netx.samples.shop;

import java.util.Locale;

/** The three services of the shop; each is its own Netx group with its own database. */
public enum ShopRole {
    /** Takes orders over HTTP and runs the order saga. */
    ORDER,
    /** Holds customer balances: debits and refunds. */
    PAYMENT,
    /** Holds product stock: reserves and releases. */
    INVENTORY;

    /** The role's name in properties, URLs and the Netx group: {@code order}, {@code payment}, {@code inventory}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role's HTTP port from a base port: the base plus the role's position; 0 (a free port) for 0. */
    public int port(int basePort) {
        return basePort == 0 ? 0 : basePort + ordinal();
    }

    /** The role named {@code id}. */
    public static ShopRole of(String id) {
        for (ShopRole role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("shop.role=" + id + " is invalid: must be order, payment, inventory or all");
    }
}
