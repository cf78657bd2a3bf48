/** Micrometer metrics of a Netx node: what it published and handled, and gauges of its state. */
package dev.netx.spring.metrics;
