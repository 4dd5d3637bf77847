package org.faxserver.gateway.send.adapter.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.UUID;
import org.faxserver.gateway.send.application.SendingFaxes;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Consumes {@code call.kill} (every gateway instance gets each one on its own queue): if the attempt's
 * call is ours, kill it. The payload is the attempt id, either as a JSON string or as an object with
 * {@code attemptId} (and an optional {@code reason}); shared-model has no record for it yet.
 */
public final class CallKillListener implements MessageListener {

  /** Routing key on {@code fax.events} (decision 0004). */
  public static final String CALL_KILL = "call.kill";

  private static final Logger log = LoggerFactory.getLogger(CallKillListener.class);

  private final SendingFaxes sending;

  public CallKillListener(SendingFaxes sending) {
    this.sending = sending;
  }

  @Override
  public void onMessage(Message message) {
    UUID attemptId;
    String reason;
    try {
      JsonNode payload = MessageJson.mapper().readTree(message.getBody()).path("payload");
      JsonNode id = payload.isTextual() ? payload : payload.path("attemptId");
      attemptId = UUID.fromString(id.asText());
      reason = payload.path("reason").asText("call.kill");
    } catch (IOException | IllegalArgumentException e) {
      log.warn("ignoring an unreadable call.kill: {}", e.toString());
      return;
    }
    if (sending.kill(attemptId, "call.kill: " + reason)) {
      log.info("killing the call of attempt {} on request", attemptId);
    }
  }
}
