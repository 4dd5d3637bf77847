package org.faxserver.gateway.send.adapter.amqp;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.faxserver.gateway.send.application.IntakeControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;

/**
 * Starts and stops the {@code fax.originate} consumer as the use case's condition changes (FreeSWITCH
 * reachable and reconciled, a channel free). A stopped consumer leaves commands in the shared queue
 * for gateways that can dial, instead of taking them and failing them. Start and stop run on a
 * thread of its own: a container cannot be stopped from its own listener thread, and the ESL thread
 * must not wait.
 */
public final class ConsumerGate implements IntakeControl, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConsumerGate.class);

  private final AbstractMessageListenerContainer container;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "originate-consumer-gate");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile BooleanSupplier condition = () -> false;
  private volatile boolean closed;

  public ConsumerGate(AbstractMessageListenerContainer container) {
    this.container = Objects.requireNonNull(container);
  }

  /** What decides whether to consume; until set, nothing is consumed. */
  public void condition(BooleanSupplier when) {
    this.condition = Objects.requireNonNull(when);
    reevaluate();
  }

  @Override
  public void reevaluate() {
    // Coalesce bursts (every event of a finishing call may ask): one pending check is enough.
    if (!closed && queued.compareAndSet(false, true)) {
      worker.execute(this::apply);
    }
  }

  private void apply() {
    queued.set(false);
    if (closed) {
      return;
    }
    boolean open = condition.getAsBoolean();
    if (open && !container.isRunning()) {
      log.info("opening the originate consumer on {}", String.join(",", container.getQueueNames()));
      container.start();
    } else if (!open && container.isRunning()) {
      log.info("closing the originate consumer (FreeSWITCH unreachable, not reconciled, or no free channel)");
      container.stop();
    }
  }

  /** Whether the consumer runs now. */
  public boolean isOpen() {
    return container.isRunning();
  }

  @Override
  public void destroy() throws InterruptedException {
    closed = true;
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    container.stop();
    container.destroy();
  }
}
