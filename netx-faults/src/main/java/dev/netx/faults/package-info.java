/**
 * The fault-injection suite: runs the sample shop as real processes against a real Redis, injects
 * seeded faults (kills, freezes, Redis restarts, pauses, memory limits, rolling restarts) under load,
 * and checks in the roles' own databases that no saga was lost and no side effect happened twice.
 */
package dev.netx.faults;
