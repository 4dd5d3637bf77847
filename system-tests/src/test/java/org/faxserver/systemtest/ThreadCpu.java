package org.faxserver.systemtest;

import java.lang.management.GarbageCollectorMXBean;
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
  private final Map<Long, Used> byThread;
  /** How long the JIT has compiled and the collectors have paused the JVM so far (ms, as the JVM's beans count). */
  private final long compilingMillis;
  private final long collectingMillis;

  private ThreadCpu(long process, Map<Long, Used> byThread, long compilingMillis, long collectingMillis) {
    this.process = process;
    this.byThread = byThread;
    this.compilingMillis = compilingMillis;
    this.collectingMillis = collectingMillis;
  }

  static ThreadCpu now() {
    Map<Long, Used> byThread = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long nanos = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] != null && nanos >= 0) { // -1: the thread ended meanwhile
        byThread.put(ids[i], new Used(nanos, isHarness(infos[i].getThreadName())));
      }
    }
    long collecting = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms >= 0).sum();
    return new ThreadCpu(PipelineBenchmark.processCpuNanos(), byThread,
        ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), collecting);
  }

  static boolean isHarness(String name) {
    return HARNESS.stream().anyMatch(p -> p.equals("main") ? name.equals(p) : name.startsWith(p));
  }

  /** Nanoseconds of CPU since {@code before}: services, harness, and the rest (JVM threads, ended threads). */
  Split since(ThreadCpu before) {
    long services = 0;
    long harness = 0;
    for (Map.Entry<Long, Used> e : byThread.entrySet()) {
      Used earlier = before.byThread.get(e.getKey());
      long nanos = e.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      if (e.getValue().harness()) {
        harness += nanos;
      } else {
        services += nanos;
      }
    }
    return new Split(services, harness, process - before.process - services - harness,
        compilingMillis - before.compilingMillis, collectingMillis - before.collectingMillis);
  }

  private record Used(long nanos, boolean harness) {}

  /**
   * Nanoseconds of CPU by whom; and how long the JIT compiled and GC paused (ms): a JIT still compiling much in a
   * phase means the JVM is not warm yet, which sessions 18 and 19 found to move a burst's figures by up to a third.
   */
  record Split(long services, long harness, long jvm, long compilingMillis, long collectingMillis) {

    /** The whole process's CPU. */
    long process() {
      return services + harness + jvm;
    }
  }
}
