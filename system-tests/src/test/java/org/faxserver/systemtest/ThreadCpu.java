package org.faxserver.systemtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU of this JVM's threads at one moment, split by whom a thread works for: the services, or the benchmark's
 * harness (its HTTP clients, the FreeSWITCH stand-in, the watchers, {@code main}), which share the JVM but are not
 * part of what the pipeline costs in production. The JVM's own threads (JIT compilers, GC) are not Java threads;
 * they are what is left of the process's CPU, with the threads that ended between two snapshots.
 */
final class ThreadCpu {

  /** Name prefixes of the harness's threads (the stand-in's are all named "fs-standin-…"). */
  private static final List<String> HARNESS = List.of("HttpClient-", "bench-client-", "fs-standin-", "e2e-",
      "main", "drop-test-databases");

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long process;
  private final Map<Long, Long> byThread;
  private final Map<Long, Boolean> harness;

  private ThreadCpu(long process, Map<Long, Long> byThread, Map<Long, Boolean> harness) {
    this.process = process;
    this.byThread = byThread;
    this.harness = harness;
  }

  static ThreadCpu now() {
    Map<Long, Long> byThread = new HashMap<>();
    Map<Long, Boolean> harness = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long nanos = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] != null && nanos >= 0) {
        byThread.put(ids[i], nanos);
        harness.put(ids[i], isHarness(infos[i].getThreadName()));
      }
    }
    return new ThreadCpu(PipelineBenchmark.processCpuNanos(), byThread, harness);
  }

  static boolean isHarness(String name) {
    return HARNESS.stream().anyMatch(p -> p.equals("main") ? name.equals(p) : name.startsWith(p));
  }

  /** Nanoseconds of CPU since {@code before}: services, harness, and the rest (JVM threads, ended threads). */
  Split since(ThreadCpu before) {
    long services = 0;
    long harnessNanos = 0;
    for (Map.Entry<Long, Long> e : byThread.entrySet()) {
      long used = e.getValue() - before.byThread.getOrDefault(e.getKey(), 0L);
      if (harness.get(e.getKey())) {
        harnessNanos += used;
      } else {
        services += used;
      }
    }
    long total = process - before.process;
    return new Split(services, harnessNanos, total - services - harnessNanos);
  }

  record Split(long services, long harness, long jvm) {}
}
