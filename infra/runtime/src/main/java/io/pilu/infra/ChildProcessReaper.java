package io.pilu.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops every child JVM still running when this JVM exits, so a test run or {@code pilu local} never leaves a
 * broker or node behind. All children get SIGTERM at once, then up to {@link #GRACE_MILLIS} to exit, then SIGKILL.
 * (A SIGKILL of this JVM skips the hook; the children then notice through their parent-pid watchdog.)
 */
final class ChildProcessReaper {

    static final long GRACE_MILLIS = 30_000;

    private static final Set<ChildProcess> CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcessReaper::stopAll, "pilu-infra-child-reaper"));
    }

    private ChildProcessReaper() {}

    static void register(ChildProcess child) {
        CHILDREN.add(child);
    }

    static void unregister(ChildProcess child) {
        CHILDREN.remove(child);
    }

    private static void stopAll() {
        List<ChildProcess> alive = new ArrayList<>(CHILDREN);
        alive.forEach(ChildProcess::terminateAsync);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (ChildProcess child : alive) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!child.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    child.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.process().destroyForcibly();
            }
        }
    }
}
