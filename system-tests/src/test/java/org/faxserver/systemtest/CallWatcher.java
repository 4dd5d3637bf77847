package org.faxserver.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;

/**
 * Stamps when each of the stand-in's calls started (told by the stand-in as its originate arrives) and when it
 * was first seen ended (the open calls polled every millisecond). The stand-in keeps no times itself.
 */
public final class CallWatcher implements AutoCloseable {

  /** A call and the times this watcher saw it start and end (System.nanoTime and wall clock millis). */
  public record SeenCall(CallRecord record, long seenNanos, long seenMillis, long endedNanos) {
    public String uuid() {
      return record.uuid();
    }

    public String gateway() {
      return record.originate() == null ? null : record.originate().gateway();
    }

    public Map<String, String> variables() {
      return record.variables();
    }

    /** True when the far end received the whole fax (its phase E says success). */
    public boolean remoteSuccess() {
      Map<String, String> r = record.remoteResult();
      return r != null && ("1".equals(r.get("success")) || "true".equalsIgnoreCase(r.get("success")));
    }
  }

  /** A call as first seen; its end is stamped later by the polling thread. */
  private static final class Seen {
    final CallRecord record;
    final long nanos = System.nanoTime();
    final long millis = System.currentTimeMillis();
    volatile long endedNanos;

    Seen(CallRecord record) {
      this.record = record;
    }

    SeenCall snapshot() {
      return new SeenCall(record, nanos, millis, endedNanos);
    }
  }

  // a benchmark sees thousands of calls: appends must not copy them all, as a CopyOnWriteArrayList would
  private final List<Seen> seen = new ArrayList<>();
  private final Map<String, Seen> byUuid = new ConcurrentHashMap<>();
  private final Queue<Seen> open = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Sees the calls {@code fs} creates from now on (FaxSystem makes it before any service runs). */
  CallWatcher(FreeSwitchStandIn fs) {
    fs.onNewCall(this::started);
    this.thread = new Thread(this::loop, "e2e-call-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void started(CallRecord c) {
    Seen s = new Seen(c);
    byUuid.put(c.uuid(), s);
    synchronized (seen) {
      seen.add(s);
    }
    open.add(s);
  }

  private void loop() {
    while (running) {
      long now = System.nanoTime();
      for (Iterator<Seen> it = open.iterator(); it.hasNext(); ) {
        Seen s = it.next();
        if (s.record.hangupCause() != null) {
          s.endedNanos = now;
          it.remove();
        }
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Calls to this destination (digits, as dialled), oldest first. */
  public List<SeenCall> to(String number) {
    String digits = number.startsWith("+") ? number.substring(1) : number;
    List<SeenCall> out = new ArrayList<>();
    for (SeenCall s : all()) {
      if (digits.equals(s.record().number())) {
        out.add(s);
      }
    }
    return out;
  }

  public SeenCall byUuid(String uuid) {
    Seen s = byUuid.get(uuid);
    return s == null ? null : s.snapshot();
  }

  /** Every call seen, oldest first. */
  public List<SeenCall> all() {
    synchronized (seen) {
      return seen.stream().map(Seen::snapshot).toList();
    }
  }

  /** Waits for the n-th (1-based) call to the number. */
  public SeenCall await(String number, int n, Duration timeout) {
    FaxSystem.await(n + " call(s) to " + number, timeout, () -> to(number).size() >= n);
    return to(number).get(n - 1);
  }

  /** Waits until the call is seen ended. */
  public SeenCall awaitEnded(SeenCall call, Duration timeout) {
    FaxSystem.await("call " + call.uuid() + " ended", timeout, () -> byUuid(call.uuid()).endedNanos() != 0);
    return byUuid(call.uuid());
  }

  String describe() {
    return all().stream().map(s -> s.record().number() + "@" + s.gateway() + ":" + s.record().hangupCause())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
