package org.faxserver.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SerialDispatcherTest {

  /** Runs tasks only when the test says so, to freeze the consumer. */
  private static final class ManualExecutor implements java.util.concurrent.Executor {
    final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    void runAll() {
      Runnable r;
      while ((r = tasks.poll()) != null) {
        r.run();
      }
    }
  }

  @Test
  void pausesReadingAtHalfCapacityResumesAtAQuarterAndDropsOnlyBeyondCapacity() {
    ManualExecutor exec = new ManualExecutor();
    SerialDispatcher d = new SerialDispatcher("test", exec, 8);
    List<String> flow = new ArrayList<>();
    d.flowControl(new SerialDispatcher.FlowControl() {
      @Override
      public void pause() {
        flow.add("pause");
      }

      @Override
      public void resume() {
        flow.add("resume");
      }
    });
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      boolean accepted = d.offerEvent(() -> ran.add(n));
      assertThat(accepted).as("event %d", i).isEqualTo(i < 8);
      assertThat(flow).as("after event %d", i).isEqualTo(i < 3 ? List.of() : List.of("pause"));
    }
    assertThat(d.droppedEvents()).isEqualTo(2);
    d.submit(() -> ran.add(100)); // control tasks are never dropped
    exec.runAll();
    assertThat(ran).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 100);
    assertThat(flow).containsExactly("pause", "resume");
    assertThat(d.pendingEvents()).isZero();
  }

  @Test
  void manyDispatchersShareTwoThreadsAndKeepPerDispatcherOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int dispatchers = 200;
      int perDispatcher = 500;
      List<List<Integer>> seen = new ArrayList<>();
      List<SerialDispatcher> ds = new ArrayList<>();
      AtomicInteger concurrentInOne = new AtomicInteger();
      for (int i = 0; i < dispatchers; i++) {
        seen.add(new CopyOnWriteArrayList<>());
        ds.add(new SerialDispatcher("d" + i, pool, 10_000));
      }
      for (int k = 0; k < perDispatcher; k++) {
        for (int i = 0; i < dispatchers; i++) {
          int kk = k;
          List<Integer> s = seen.get(i);
          ds.get(i).offerEvent(() -> {
            if (!s.isEmpty() && s.get(s.size() - 1) != kk - 1) {
              concurrentInOne.incrementAndGet();
            }
            s.add(kk);
          });
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.stream().mapToInt(List::size).sum() < dispatchers * perDispatcher && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      for (List<Integer> s : seen) {
        assertThat(s).hasSize(perDispatcher).isSorted();
      }
      assertThat(concurrentInOne.get()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingCallbackDoesNotStopTheQueue() {
    ManualExecutor exec = new ManualExecutor();
    SerialDispatcher d = new SerialDispatcher("test", exec, 8);
    List<Integer> ran = new ArrayList<>();
    d.submit(() -> {
      throw new IllegalStateException("listener bug");
    });
    d.submit(() -> ran.add(1));
    exec.runAll();
    assertThat(ran).containsExactly(1);
  }

  /**
   * Review #6: the listener thread drains the queue and resumes between the decision to pause and
   * the pause itself. Reading must end up on, since nothing is queued any more.
   */
  @Test
  void resumeRacingWithPauseNeverLeavesReadingOff() throws Exception {
    ManualExecutor exec = new ManualExecutor();
    SerialDispatcher d = new SerialDispatcher("test", exec, 8);
    AtomicBoolean reading = new AtomicBoolean(true);
    CountDownLatch resumed = new CountDownLatch(1);
    AtomicReference<Thread> listener = new AtomicReference<>();
    d.flowControl(new SerialDispatcher.FlowControl() {
      @Override
      public void pause() {
        if (listener.get() == null) {
          Thread t = new Thread(exec::runAll, "listener");
          listener.set(t);
          t.start();
          // Let the listener run until it resumed, or until it waits for us (a correct dispatcher
          // makes it wait), or until it is done.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (resumed.getCount() > 0 && t.isAlive() && t.getState() != Thread.State.BLOCKED
              && t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
        }
        reading.set(false);
      }

      @Override
      public void resume() {
        reading.set(true);
        resumed.countDown();
      }
    });
    for (int i = 0; i < 4; i++) {
      d.offerEvent(() -> { }); // the 4th reaches half the capacity and pauses
    }
    listener.get().join(10_000);
    exec.runAll();
    assertThat(d.pendingEvents()).isZero();
    assertThat(reading).as("reading is on once the queue is empty").isTrue();
  }
}
