package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.internal.redis.LuaScript;

/** The Lua scripts of the engine, loaded once. */
final class Scripts {

    static final LuaScript PUBLISH = LuaScript.load("publish");
    static final LuaScript TRANSITION = LuaScript.load("transition");
    static final LuaScript CLAIM = LuaScript.load("claim");
    static final LuaScript REFRESH = LuaScript.load("refresh");
    static final LuaScript RELAY = LuaScript.load("relay");
    static final LuaScript SHARDS = LuaScript.load("shards");
    static final LuaScript BEGIN = LuaScript.load("begin");
    static final LuaScript TRIM = LuaScript.load("trim");
    static final LuaScript LAUNCH = LuaScript.load("launch");
    static final LuaScript ADVANCE = LuaScript.load("advance");
    static final LuaScript SWEEP = LuaScript.load("sweep");
    static final LuaScript BACKLOG = LuaScript.load("backlog");
    static final LuaScript RATE = LuaScript.load("rate");
    static final LuaScript NOTE = LuaScript.load("note");
    static final LuaScript ACTIVITY = LuaScript.load("activity");

    private Scripts() {
    }

    /** The retention argument of the scripts: {@code <finished saga ms>:<running saga ms>}. */
    static String retention(NetxOptions options) {
        return options.retention().toMillis() + ":" + options.runningRetention().toMillis();
    }
}
