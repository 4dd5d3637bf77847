package org.faxserver.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;

/**
 * Watches the stand-in's call list and stamps when each call was first seen (≈ when its originate
 * arrived; polled every millisecond) and when it was first seen ended. The stand-in keeps no times itself.
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

  private final FreeSwitchStandIn fs;
  private final List<SeenCall> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> index = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  CallWatcher(FreeSwitchStandIn fs) {
    this.fs = fs;
    this.thread = new Thread(this::loop, "e2e-call-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    int known = 0;
    List<Integer> open = new ArrayList<>();
    while (running) {
      List<CallRecord> all = fs.calls();
      long now = System.nanoTime();
      long wall = System.currentTimeMillis();
      for (int i = known; i < all.size(); i++) {
        CallRecord c = all.get(i);
        index.put(c.uuid(), seen.size());
        open.add(seen.size());
        seen.add(new SeenCall(c, now, wall, 0));
      }
      known = all.size();
      for (java.util.Iterator<Integer> it = open.iterator(); it.hasNext(); ) {
        int i = it.next();
        SeenCall s = seen.get(i);
        if (s.record().hangupCause() != null) {
          seen.set(i, new SeenCall(s.record(), s.seenNanos(), s.seenMillis(), now));
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
    for (SeenCall s : seen) {
      if (digits.equals(s.record().number())) {
        out.add(s);
      }
    }
    return out;
  }

  public SeenCall byUuid(String uuid) {
    Integer i = index.get(uuid);
    return i == null ? null : seen.get(i);
  }

  public List<SeenCall> all() {
    return new ArrayList<>(seen);
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
    return seen.stream().map(s -> s.record().number() + "@" + s.gateway() + ":" + s.record().hangupCause())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
