package org.faxserver.queue.override.adapter;

import java.time.Duration;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.override.application.ManagingOverrides;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/** AMQP entry for admin changes to dial overrides; acked after commit. */
public final class OverrideListeners {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ManagingOverrides overrides;

  public OverrideListeners(ManagingOverrides overrides) {
    this.overrides = overrides;
  }

  @RabbitListener(queues = "#{@queueNames.overrideSet()}")
  public void onSet(Envelope<OverrideChange> envelope) {
    overrides.set(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@queueNames.overrideRemove()}")
  public void onRemove(Envelope<OverrideChange> envelope) {
    overrides.remove(envelope).block(TIMEOUT);
  }
}
