/**
 * The Netx sample shop: an order service, a payment service and an inventory service that share
 * nothing but Redis. An order is a saga: create the pending order, debit the customer, reserve the
 * stock, confirm the order; a failure anywhere undoes what was done, exactly once.
 */
package dev.netx.samples.shop;
