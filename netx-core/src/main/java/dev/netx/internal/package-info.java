/**
 * The engine behind the public API. Nothing here is API: types may change in any release.
 * {@code engine} runs sagas (dispatch, readers, claims), {@code redis} speaks Redis (key layout,
 * Lua scripts, connections), {@code codec} turns values into payloads.
 */
package dev.netx.internal;
