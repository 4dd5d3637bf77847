package org.faxserver.queue.fallback.adapter;

import java.time.Duration;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.fallback.application.ManagingFallbacks;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/** AMQP entry for admin changes to the softmodem fallback list; acked after commit. */
public final class FallbackListeners {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ManagingFallbacks fallbacks;

  public FallbackListeners(ManagingFallbacks fallbacks) {
    this.fallbacks = fallbacks;
  }

  @RabbitListener(queues = "#{@queueNames.fallbackSet()}")
  public void onSet(Envelope<FallbackChange> envelope) {
    fallbacks.set(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@queueNames.fallbackRemove()}")
  public void onRemove(Envelope<FallbackChange> envelope) {
    fallbacks.remove(envelope).block(TIMEOUT);
  }
}
