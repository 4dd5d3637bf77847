package org.faxserver.gateway.send.adapter.amqp;

import java.time.Clock;
import java.time.Duration;
import org.faxserver.gateway.adapter.amqp.ConfirmedPublisher;
import org.faxserver.gateway.send.application.AttemptEvents;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes attempt facts to {@code fax.events} with publisher confirms, on one thread of its own:
 * callers (the ESL event thread) never wait for the broker, and facts of one attempt keep their
 * order. {@code attempt.finished} is retried until the broker confirms it; it is the only record of
 * the call's outcome. Progress is tried once.
 */
public final class RabbitAttemptEvents implements AttemptEvents, DisposableBean {

  /** Header naming the number this attempt put on the softmodem fallback list (fax-queue mirrors it). */
  public static final String FALLBACK_LEARNED_HEADER = "x-softmodem-fallback-learned";

  private final ConfirmedPublisher publisher;
  private final Clock clock;

  public RabbitAttemptEvents(RabbitTemplate template, Clock clock, Duration confirmTimeout, Duration retryDelay) {
    this.publisher = new ConfirmedPublisher(template, confirmTimeout, retryDelay, "attempt-events");
    this.clock = clock;
  }

  @Override
  public void progress(AttemptProgress progress) {
    Message message = ConfirmedPublisher.message(Envelope.of(AttemptProgress.TYPE, AttemptProgress.VERSION,
        progress.jobId().toString(), progress, clock));
    publisher.publishOnce(Exchanges.FAX_EVENTS, RoutingKeys.ATTEMPT_PROGRESS, message,
        "attempt.progress for " + progress.attemptId());
  }

  @Override
  public void finished(AttemptFinished finished, String learnedFallback) {
    Message message = ConfirmedPublisher.message(Envelope.of(AttemptFinished.TYPE, AttemptFinished.VERSION,
        finished.jobId().toString(), finished, clock));
    if (learnedFallback != null) {
      message.getMessageProperties().setHeader(FALLBACK_LEARNED_HEADER, learnedFallback);
    }
    publisher.publishUntilConfirmed(Exchanges.FAX_EVENTS, RoutingKeys.ATTEMPT_FINISHED, message,
        "attempt.finished for " + finished.attemptId());
  }

  /** Lets queued facts go out (up to 10 s), then stops retrying. */
  @Override
  public void destroy() throws InterruptedException {
    publisher.destroy();
  }
}
