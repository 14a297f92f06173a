package io.pilu.service;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CPU time, for benchmarks that run several stages in one JVM and want to say where the time went without a
 * profiler: per Java thread (grouped into stages by a naming rule), for this whole process (which adds what no Java
 * thread owns: GC, JIT) and for other processes by pid (a child broker or node). All figures are CPU nanoseconds,
 * user + system, as the OS counts them.
 */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /** CPU nanoseconds this JVM has used so far (every thread, GC and JIT included). */
    public static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU nanoseconds process {@code pid} has used so far, or -1 when the OS does not say (or it is gone). */
    public static long processNanos(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /**
     * A snapshot of every live thread's CPU time, to be subtracted from a later one. Threads that end between two
     * snapshots lose what they used after the first (benchmark stages keep theirs alive).
     */
    public static Snapshot threads() {
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> nanos = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu >= 0 && infos[i] != null) {
                names.put(ids[i], infos[i].getThreadName());
                nanos.put(ids[i], cpu);
            }
        }
        return new Snapshot(names, nanos, processNanos());
    }

    /** Per-thread CPU at one moment, and this process's total. */
    public record Snapshot(Map<Long, String> names, Map<Long, Long> nanos, long processNanos) {

        /**
         * CPU used since {@code earlier}, per group: {@code group} names each thread's group (empty: "other threads");
         * {@code jvm} (GC, JIT, threads that ended) is the process total minus every thread counted. Groups keep the
         * order of {@code order}, then any other group.
         */
        public Map<String, Long> since(
                Snapshot earlier, Function<String, Optional<String>> group, List<String> order, String jvm) {
            Map<String, Long> out = new LinkedHashMap<>();
            order.forEach(g -> out.put(g, 0L));
            long threads = 0;
            for (Map.Entry<Long, Long> e : nanos.entrySet()) {
                long used = e.getValue() - earlier.nanos.getOrDefault(e.getKey(), 0L);
                threads += used;
                String g = group.apply(names.get(e.getKey())).orElse("other threads");
                out.merge(g, used, Long::sum);
            }
            out.put(jvm, Math.max(0, processNanos - earlier.processNanos - threads));
            return out;
        }
    }
}
