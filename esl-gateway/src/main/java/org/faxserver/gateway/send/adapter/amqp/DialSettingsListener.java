package org.faxserver.gateway.send.adapter.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.send.model.ModDbCommands;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Mirrors fax-queue's {@code fallback.changed} and {@code override.changed} into this node's mod_db,
 * so fs_cli and FreeSWITCH itself see what the admin API set. Every esl-gateway hears every change (a
 * queue of its own). A change that cannot be applied (FreeSWITCH unreachable) is logged: calls do not
 * depend on it, since fax-queue puts the same settings into every originate.
 */
public final class DialSettingsListener implements MessageListener {
  private static final Logger log = LoggerFactory.getLogger(DialSettingsListener.class);

  private final EslInboundClient client;
  private final Duration timeout;
  private final Clock clock;

  public DialSettingsListener(EslInboundClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public void onMessage(Message message) {
    String command;
    try {
      byte[] body = message.getBody();
      String type = MessageJson.typeOf(body);
      if (FallbackChange.CHANGED_TYPE.equals(type)) {
        command = ModDbCommands.of(MessageJson.read(body, FallbackChange.class).payload(), clock.instant());
      } else if (OverrideChange.CHANGED_TYPE.equals(type)) {
        command = ModDbCommands.of(MessageJson.read(body, OverrideChange.class).payload());
      } else {
        log.debug("ignoring {} on the dial settings queue", type);
        return;
      }
    } catch (RuntimeException e) {
      log.warn("unreadable dial settings change {}: {}", message.getMessageProperties().getMessageId(), e.toString());
      return;
    }
    try {
      String reply = client.api(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip();
      if (!reply.startsWith("+OK")) {
        log.warn("mod_db refused '{}': {}", command, reply);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("could not apply '{}' to this node's mod_db: {}", command, e.toString());
    }
  }
}
