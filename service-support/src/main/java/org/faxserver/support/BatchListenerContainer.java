package org.faxserver.support;

import com.rabbitmq.client.Channel;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.BlockingQueueConsumer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.support.ActiveObjectCounter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * A batch listener's container that does not poll while idle. Spring AMQP's container waits {@code receiveTimeout}
 * for each message of a batch, the first one included, so the short wait that gathers a batch (what a lone message
 * waits for company) also woke an idle consumer that often: fax-queue's consumers woke ~900 times a second for
 * nothing (docs/BENCHMARKS.md, session 22). Here a batch's first message is waited for up to {@link #IDLE_WAIT},
 * and the rest of the batch is gathered for up to {@code receiveTimeout} after the first arrived (the window), or
 * until {@code batchSize} messages are in; {@code batchReceiveTimeout} is refused.
 *
 * <p>Everything else (acks, retries, parking, recovery, shutdown) is the Spring container's own: only the consumer's
 * wait differs. Building that consumer needs the container's private counter of active consumers, which its
 * shutdown waits on, so it is read reflectively once; a Spring AMQP version without it fails at startup.
 */
public class BatchListenerContainer extends SimpleMessageListenerContainer {

  /**
   * How long an idle consumer waits before it looks again: how long stopping an idle consumer takes and how often it
   * checks again for a missing queue (Spring's default {@code receiveTimeout} is the same).
   */
  public static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final ActiveObjectCounter<BlockingQueueConsumer> activeConsumers = activeConsumersOf(this);
  private final long idleWaitMillis;
  private int batchSize = 1;
  private long windowMillis = 1000;
  private Integer declarationRetries;
  private Long retryDeclarationInterval;

  public BatchListenerContainer() {
    this(IDLE_WAIT);
  }

  /** With another idle wait than {@link #IDLE_WAIT} (tests). */
  BatchListenerContainer(Duration idleWait) {
    this.idleWaitMillis = idleWait.toMillis();
  }

  @Override
  public void setBatchSize(int batchSize) {
    super.setBatchSize(batchSize);
    this.batchSize = batchSize;
  }

  /** The batch's window: how long after its first message the rest are gathered. */
  @Override
  public void setReceiveTimeout(long receiveTimeout) {
    super.setReceiveTimeout(receiveTimeout);
    this.windowMillis = receiveTimeout;
  }

  /** Rejected: the window above replaces it (it counts from before the wait for the first message). */
  @Override
  public void setBatchReceiveTimeout(long batchReceiveTimeout) {
    if (batchReceiveTimeout != 0) {
      throw new IllegalArgumentException("BatchListenerContainer gathers a batch for receiveTimeout after its first "
          + "message; batchReceiveTimeout is not supported");
    }
  }

  @Override
  public void setDeclarationRetries(int declarationRetries) {
    super.setDeclarationRetries(declarationRetries);
    this.declarationRetries = declarationRetries;
  }

  @Override
  public void setRetryDeclarationInterval(long retryDeclarationInterval) {
    super.setRetryDeclarationInterval(retryDeclarationInterval);
    this.retryDeclarationInterval = retryDeclarationInterval;
  }

  /** The superclass's consumer, configured the same way, with the waits above. */
  @Override
  protected BlockingQueueConsumer createBlockingQueueConsumer() {
    // Without consumer batching the listener runs inside the loop, between the waits of one "batch".
    if (!isConsumerBatchEnabled() && batchSize > 1) {
      throw new IllegalStateException("BatchListenerContainer needs consumerBatchEnabled for a batchSize above 1");
    }
    // No point prefetching less than a batch: the consumer would stall waiting for messages the broker holds back.
    BatchConsumer consumer = new BatchConsumer(getConnectionFactory(), getMessagePropertiesConverter(),
        activeConsumers, getAcknowledgeMode(), isChannelTransacted(), Math.max(getPrefetchCount(), batchSize),
        isDefaultRequeueRejected(), getConsumerArguments(), isNoLocal(), isExclusive(), batchSize, windowMillis,
        idleWaitMillis, getQueueNames());
    consumer.setGlobalQos(isGlobalQos());
    consumer.setMissingQueuePublisher(this::publishMissingQueueEvent);
    if (declarationRetries != null) {
      consumer.setDeclarationRetries(declarationRetries);
    }
    if (getFailedDeclarationRetryInterval() > 0) {
      consumer.setFailedDeclarationRetryInterval(getFailedDeclarationRetryInterval());
    }
    if (retryDeclarationInterval != null) {
      consumer.setRetryDeclarationInterval(retryDeclarationInterval);
    }
    if (getConsumerTagStrategy() != null) {
      consumer.setTagStrategy(getConsumerTagStrategy());
    }
    consumer.setBackOffExecution(getRecoveryBackOff().start());
    consumer.setShutdownTimeout(getShutdownTimeout());
    consumer.setApplicationEventPublisher(getApplicationEventPublisher());
    consumer.setMessageAckListener(getMessageAckListener());
    return consumer;
  }

  @SuppressWarnings("unchecked")
  private static ActiveObjectCounter<BlockingQueueConsumer> activeConsumersOf(SimpleMessageListenerContainer c) {
    try {
      Field field = SimpleMessageListenerContainer.class.getDeclaredField("cancellationLock");
      field.setAccessible(true);
      return (ActiveObjectCounter<BlockingQueueConsumer>) field.get(c);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this Spring AMQP's SimpleMessageListenerContainer has no cancellationLock; "
          + "BatchListenerContainer must be adapted to it", e);
    }
  }

  /**
   * Waits the idle wait for a batch's first message and then gathers the rest for the window. Only the
   * container's one thread for this consumer calls {@link #nextMessage(long)}, so its state needs no locking.
   */
  static final class BatchConsumer extends BlockingQueueConsumer {

    private final int batchSize;
    private final long windowNanos;
    private final long idleWaitMillis;
    private int inBatch;
    private long firstArrived;

    BatchConsumer(ConnectionFactory connectionFactory, MessagePropertiesConverter converter,
        ActiveObjectCounter<BlockingQueueConsumer> activeConsumers, AcknowledgeMode ackMode, boolean transactional,
        int prefetch, boolean requeueRejected, Map<String, Object> consumerArguments, boolean noLocal,
        boolean exclusive, int batchSize, long windowMillis, long idleWaitMillis, String... queues) {
      super(connectionFactory, converter, activeConsumers, ackMode, transactional, prefetch, requeueRejected,
          consumerArguments, noLocal, exclusive, queues);
      this.batchSize = batchSize;
      this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
      this.idleWaitMillis = idleWaitMillis;
    }

    /**
     * The container asks for the channel first thing in each round (each batch), so a batch that ended any other way
     * than by a null or by batchSize (an exception the container logged and survived) still leaves none in progress.
     */
    @Override
    public Channel getChannel() {
      inBatch = 0;
      return super.getChannel();
    }

    /**
     * The next message of the batch, or null when the batch is complete; the container's timeout is not used. Once
     * the window has passed, what has arrived meanwhile still joins the batch (a poll of 0 ms does not wait).
     */
    @Override
    public Message nextMessage(long ignoredTimeout) throws InterruptedException {
      if (inBatch == 0) {
        Message first = super.nextMessage(idleWaitMillis);
        if (first != null) {
          firstArrived = System.nanoTime();
          inBatch = batchSize > 1 ? 1 : 0;
        }
        return first;
      }
      long leftNanos = windowNanos - (System.nanoTime() - firstArrived);
      Message next = super.nextMessage(Math.max(0, (leftNanos + 999_999) / 1_000_000)); // rounded up to a whole ms
      inBatch = next == null || inBatch + 1 == batchSize ? 0 : inBatch + 1;
      return next;
    }
  }
}
