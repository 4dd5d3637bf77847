package org.faxserver.gateway.receive.adapter.esl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.EslCommandException;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.receive.application.FallbackList;
import org.faxserver.model.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's mod_db fallback list over the gateway's inbound ESL connection, keyed like the sending
 * side: the E.164 digits without '+'. Disabled ({@code softmodem-fallback: false}): nothing is listed
 * and nothing learned. A FreeSWITCH that cannot be asked in time counts as "not listed".
 */
public final class EslFallbackList implements FallbackList {

  private static final Logger log = LoggerFactory.getLogger(EslFallbackList.class);

  private final EslInboundClient client;
  private final boolean enabled;
  private final Duration timeout;

  public EslFallbackList(EslInboundClient client, boolean enabled, Duration timeout) {
    this.client = Objects.requireNonNull(client);
    this.enabled = enabled;
    this.timeout = Objects.requireNonNull(timeout);
  }

  @Override
  public CompletableFuture<Boolean> listed(PhoneNumber number) {
    if (!enabled) {
      return CompletableFuture.completedFuture(false);
    }
    return client.api("db exists/fallback/" + number.digits())
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(out -> "true".equals(out.strip()))
        .exceptionally(e -> {
          log.warn("cannot ask mod_db whether {} is on the fallback list: {}", number, e.toString());
          return false;
        });
  }

  @Override
  public CompletableFuture<Void> learn(PhoneNumber number, long unixTime) {
    if (!enabled) {
      return CompletableFuture.completedFuture(null);
    }
    return client.api("db insert/fallback/" + number.digits() + "/" + unixTime).thenAccept(out -> {
      if (!out.strip().startsWith("+OK")) {
        throw new EslCommandException("db insert/fallback", out.strip());
      }
    });
  }
}
