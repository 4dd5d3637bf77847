package org.faxserver.gateway.receive.adapter.esl;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.receive.application.CallKiller;

/**
 * {@code api uuid_kill <uuid>} over the gateway's inbound ESL connection, as the sending side's
 * watchdog kills calls ({@code EslFreeSwitch.kill}); fails after {@code timeout} without a reply.
 */
public final class EslCallKiller implements CallKiller {

  private final EslInboundClient client;
  private final Duration timeout;

  public EslCallKiller(EslInboundClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client);
    this.timeout = Objects.requireNonNull(timeout);
  }

  @Override
  public CompletableFuture<Boolean> kill(UUID callId) {
    return client.api("uuid_kill " + callId)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(out -> out.strip().startsWith("+OK"));
  }
}
