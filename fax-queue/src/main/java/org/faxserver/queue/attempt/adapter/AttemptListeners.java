package org.faxserver.queue.attempt.adapter;

import java.time.Duration;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.attempt.application.FinishingAttempts;
import org.faxserver.queue.attempt.application.RecordingProgress;
import org.faxserver.queue.config.QueueNames;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/** AMQP entry for attempt reports; acked after commit (each method waits for its transaction). */
public final class AttemptListeners {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final FinishingAttempts finishing;
  private final RecordingProgress progress;
  private final Runnable jobsDue;

  /** @param jobsDue called after a commit that made a job due now (next endpoint at once) */
  public AttemptListeners(FinishingAttempts finishing, RecordingProgress progress, Runnable jobsDue) {
    this.finishing = finishing;
    this.progress = progress;
    this.jobsDue = jobsDue;
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

  @RabbitListener(queues = "#{@queueNames.attemptProgress()}")
  public void onAttemptProgress(Envelope<AttemptProgress> envelope) {
    progress.record(envelope).block(TIMEOUT);
  }
}
