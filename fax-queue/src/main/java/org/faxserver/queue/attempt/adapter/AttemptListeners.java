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
   * @param converter reads {@code attempt.progress} and {@code attempt.finished} envelopes
   * @param parking   parks a report that cannot be read, or a finished one that cannot be handled even alone
   */
  public AttemptListeners(FinishingAttempts finishing, RecordingProgress progress, Runnable jobsDue,
      MessageConverter converter, MessageRecoverer parking) {
    this.finishing = finishing;
    this.progress = progress;
    this.jobsDue = jobsDue;
    this.converter = converter;
    this.parking = parking;
  }

  /**
   * The {@code attempt.finished} reports that were waiting, oldest first, handled by one transaction (see
   * {@code attemptFinishedListenerContainerFactory}); if that fails, one by one, where one that fails alone as well
   * is parked ({@link EnvelopeBatch#handleTogetherOrAlone}). A report handled twice changes nothing the second time.
   */
  @RabbitListener(queues = "#{@queueNames.attemptFinished()}", concurrency = QueueNames.CONSUMERS,
      containerFactory = "attemptFinishedListenerContainerFactory")
  public void onAttemptsFinished(List<Message> oldestFirst) {
    EnvelopeBatch.read(oldestFirst, converter, AttemptFinished.class).handleTogetherOrAlone(finished -> {
      if (Boolean.TRUE.equals(finishing.callsFinished(finished).block(TIMEOUT))) {
        jobsDue.run();
      }
    }, parking);
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
