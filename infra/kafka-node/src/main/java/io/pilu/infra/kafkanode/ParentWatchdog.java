package io.pilu.infra.kafkanode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class, and exits this JVM (running its shutdown hooks, so the broker shuts down cleanly) as soon
 * as the process that launched it is gone. The launcher stops its children from a shutdown hook, but a hook does not
 * run when the launcher is killed with SIGKILL (a test JVM killed by a timeout, an IDE's stop button); this keeps
 * such a crash from leaving an orphan broker holding its port and data directory.
 *
 * <p>Usage: {@code ParentWatchdog <parent-pid> <main-class> [args...]}, e.g.
 * {@code ParentWatchdog 4242 kafka.Kafka /data/config/server.properties}.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        watch(parentPid);
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(long parentPid) {
        ProcessHandle.of(parentPid)
                .ifPresentOrElse(
                        parent -> parent.onExit().thenRun(() -> {
                            System.err.println("launcher process " + parentPid + " is gone; shutting down");
                            System.exit(0);
                        }),
                        () -> {
                            System.err.println("launcher process " + parentPid + " is not running; not starting");
                            System.exit(1);
                        });
    }
}
