package org.faxserver.queue.attempt.adapter;

import java.time.Duration;
import java.util.List;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.attempt.application.FinishingAttempts;
import org.faxserver.queue.attempt.application.RecordingProgress;
import org.faxserver.queue.config.QueueNames;
import org.faxserver.support.EnvelopeBatch;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.MessageConverter;

/** AMQP entry for attempt reports; acked after commit (each method waits for its transaction). */
public final class AttemptListeners {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final FinishingAttempts finishing;
  private final RecordingProgress progress;
  private final Runnable jobsDue;
  private final MessageConverter converter;
  private final MessageRecoverer parking;

  /**
   * @param jobsDue   called after a commit that made a job due now (next endpoint at once)
   * @param converter reads {@code attempt.progress} envelopes
   * @param parking   parks a progress message that cannot be read
   */
  public AttemptListeners(FinishingAttempts finishing, RecordingProgress progress, Runnable jobsDue,
      MessageConverter converter, MessageRecoverer parking) {
    this.finishing = finishing;
    this.progress = progress;
    this.jobsDue = jobsDue;
    this.converter = converter;
    this.parking = parking;
  }

  @RabbitListener(queues = "#{@queueNames.attemptFinished()}", concurrency = QueueNames.CONSUMERS)
  public void onAttemptFinished(Envelope<AttemptFinished> envelope) {
    if (Boolean.TRUE.equals(finishing.callFinished(envelope).block(TIMEOUT))) {
      jobsDue.run();
    }
  }

  @RabbitListener(queues = "#{@queueNames.deliveryFinished()}", concurrency = QueueNames.CONSUMERS)
  public void onDeliveryFinished(Envelope<DeliveryFinished> envelope) {
    if (Boolean.TRUE.equals(finishing.deliveryFinished(envelope).block(TIMEOUT))) {
      jobsDue.run();
    }
  }

  /**
   * A batch, oldest first (one consumer keeps the order); see {@code progressListenerContainerFactory}. A message
   * that cannot be read is parked, and the rest of its batch recorded.
   */
  @RabbitListener(queues = "#{@queueNames.attemptProgress()}", containerFactory = "progressListenerContainerFactory")
  public void onAttemptProgress(List<Message> oldestFirst) {
    EnvelopeBatch<AttemptProgress> batch = EnvelopeBatch.read(oldestFirst, converter, AttemptProgress.class);
    progress.record(batch.envelopes()).block(TIMEOUT);
    batch.parkUnreadable(parking);
  }
}
