/**
 * Everything that speaks Redis: the key layout of a namespace ({@code KeySpace}), the Lua scripts
 * that make every saga transition atomic, and the connections Netx opens.
 */
package dev.netx.internal.redis;
