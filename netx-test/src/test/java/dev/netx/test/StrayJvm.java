package dev.netx.test;

/**
 * A JVM that starts a server and never closes its launcher, for {@link ReapingIT}: prints
 * {@code READY <redis pid> <data dir>}, then exits at once ({@code exit}) or waits to be killed.
 */
public final class StrayJvm {

    private StrayJvm() {
    }

    public static void main(String[] args) throws Exception {
        RedisServer server = new RedisLauncher().standalone();
        System.out.println("READY " + server.pid() + " " + server.dataDir());
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
        System.in.read(); // until the test kills this JVM
    }
}
