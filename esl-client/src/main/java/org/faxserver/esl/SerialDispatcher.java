package org.faxserver.esl;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the callbacks of one connection in order, on a shared executor, without ever blocking the
 * Netty I/O thread that feeds it (FreeSWITCH kills a listener that falls 500 events behind, and a
 * blocked event loop would stall every other connection on it).
 *
 * <p>Like an actor mailbox: tasks go into a lock-free queue and at most one drain task per
 * dispatcher is on the executor at a time, so thousands of connections can share a few threads.
 *
 * <p>Two kinds of task:
 * <ul>
 *   <li><b>events</b> ({@link #offerEvent}) are bounded. When {@code capacity / 2} are waiting, the
 *       connection is asked to stop reading ({@link FlowControl#pause()}, i.e. Netty auto-read off),
 *       so TCP and FreeSWITCH's own 100 000-event queue absorb the burst; reading resumes at
 *       {@code capacity / 4}. Only if events still reach {@code capacity} (bytes already read keep
 *       decoding) is the newest event <b>dropped</b>, counted in {@link #droppedEvents()} and logged.
 *   <li><b>control</b> tasks ({@link #submit}), i.e. reply and job completions and lifecycle
 *       callbacks, are never dropped; their number is bounded by the commands the caller issued.
 * </ul>
 */
final class SerialDispatcher {

  private static final Logger log = LoggerFactory.getLogger(SerialDispatcher.class);
  private static final int BATCH = 128;

  /**
   * Turns reading from the socket off and on. Calls are serialised by the dispatcher and alternate
   * (pause, resume, pause, ...); they must be quick and must not block.
   */
  interface FlowControl {
    void pause();

    void resume();
  }

  private final String name;
  private final Executor executor;
  private final int capacity;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicInteger pendingEvents = new AtomicInteger();
  /** The wanted state: flipped by the I/O thread (pause) and the draining thread (resume). */
  private final AtomicBoolean paused = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  /** Guards {@link #flowControl} and {@link #readingOff}, and serialises the FlowControl calls. */
  private final Object flowLock = new Object();
  private FlowControl flowControl;
  /** The state last applied through {@link #flowControl}. */
  private boolean readingOff;

  SerialDispatcher(String name, Executor executor, int capacity) {
    if (capacity < 4) {
      throw new IllegalArgumentException("event queue capacity must be >= 4: " + capacity);
    }
    this.name = name;
    this.executor = executor;
    this.capacity = capacity;
  }

  /** Sets the flow control of the current connection; a previous pause is lifted. */
  void flowControl(FlowControl fc) {
    synchronized (flowLock) {
      this.flowControl = fc;
      paused.set(false);
      readingOff = false;
    }
  }

  /** Returns {@code true} while reading is (to be) paused because the listener is behind. */
  boolean isPaused() {
    return paused.get();
  }

  /** Queues an event callback; returns {@code false} if it was dropped because the queue is full. */
  boolean offerEvent(Runnable task) {
    int n = pendingEvents.incrementAndGet();
    if (n > capacity) {
      pendingEvents.decrementAndGet();
      long d = dropped.incrementAndGet();
      if (d == 1 || d % 1000 == 0) {
        log.warn("{}: event queue full ({} events), dropped {} event(s) so far; the listener is too slow",
            name, capacity, d);
      }
      return false;
    }
    if (n >= capacity / 2 && paused.compareAndSet(false, true)) {
      log.debug("{}: {} events queued, pausing reads", name, n);
      applyFlow();
    }
    queue.add(() -> {
      int left = pendingEvents.decrementAndGet();
      if (left <= capacity / 4 && paused.compareAndSet(true, false)) {
        applyFlow();
      }
      task.run();
    });
    schedule();
    return true;
  }

  /** Queues a control callback; never dropped. */
  void submit(Runnable task) {
    queue.add(task);
    schedule();
  }

  long droppedEvents() {
    return dropped.get();
  }

  int pendingEvents() {
    return pendingEvents.get();
  }

  /**
   * Makes the socket follow {@link #paused}. Called after every flip of the flag, from either
   * thread; the lock orders the calls and each one reads the flag afresh, so the last call applies
   * the last state even when a resume races with the pause it undoes (a pause applied after the
   * matching resume would otherwise leave reading off for good).
   */
  private void applyFlow() {
    synchronized (flowLock) {
      boolean off = paused.get();
      FlowControl fc = flowControl;
      if (off == readingOff || fc == null) {
        return;
      }
      readingOff = off;
      if (off) {
        fc.pause();
      } else {
        fc.resume();
      }
    }
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The executor is shut down (the server or client is closing): run what is left here, so
        // lifecycle futures (closed, ended, pending replies) still complete instead of hanging.
        log.debug("{}: dispatch executor rejected work (shut down); running {} callbacks inline", name, queue.size());
        try {
          Runnable r;
          while ((r = queue.poll()) != null) {
            runLogged(r);
          }
        } finally {
          scheduled.set(false);
        }
      }
    }
  }

  /** A failing callback is logged and does not stop the ones after it. */
  private void runLogged(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      log.warn("{}: callback failed", name, t);
    }
  }

  private void drain() {
    try {
      for (int i = 0; i < BATCH; i++) {
        Runnable r = queue.poll();
        if (r == null) {
          break;
        }
        runLogged(r);
      }
    } finally {
      scheduled.set(false);
      // A task added after our last poll saw scheduled == true and did not schedule: re-check.
      if (!queue.isEmpty()) {
        schedule();
      }
    }
  }
}
