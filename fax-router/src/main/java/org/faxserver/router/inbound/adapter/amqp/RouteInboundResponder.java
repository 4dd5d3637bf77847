package org.faxserver.router.inbound.adapter.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.router.inbound.application.DecidingInboundCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Address;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Answers {@code route.inbound} requests (decision 0003): the decision goes back to the request's
 * {@code reply-to} address with the request's correlation id, envelope type
 * {@code route.inbound.decision}. A request is worth something only while the caller waits (a few
 * seconds), so nothing here is retried or parked: an unreadable request, a request without reply-to,
 * or a directory that does not answer in time is logged and dropped, and the gateway applies its
 * timeout fallback (decision 0009). Never throws, so the container acks every request.
 */
public final class RouteInboundResponder implements MessageListener {

  private static final Logger log = LoggerFactory.getLogger(RouteInboundResponder.class);

  private final DecidingInboundCalls deciding;
  private final RabbitTemplate template;
  private final Duration timeout;
  private final Clock clock;

  public RouteInboundResponder(DecidingInboundCalls deciding, RabbitTemplate template, Duration timeout,
      Clock clock) {
    this.deciding = Objects.requireNonNull(deciding, "deciding");
    this.template = Objects.requireNonNull(template, "template");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void onMessage(Message message) {
    MessageProperties props = message.getMessageProperties();
    Address replyTo = props.getReplyToAddress();
    if (replyTo == null) {
      log.warn("route.inbound request {} without reply-to dropped", props.getMessageId());
      return;
    }
    Envelope<InboundRouteRequest> request;
    try {
      request = read(message.getBody());
    } catch (RuntimeException e) {
      log.warn("Unreadable route.inbound request {} dropped (the gateway falls back): {}", props.getMessageId(),
          e.getMessage());
      return;
    }
    try {
      InboundRouteDecision decision = deciding.decide(request.payload()).block(timeout);
      if (decision == null) {
        log.warn("No decision for inbound call {}", request.payload().callId());
        return;
      }
      template.send(replyTo.getExchangeName(), replyTo.getRoutingKey(), reply(request, decision, props));
    } catch (RuntimeException e) {
      log.warn("route.inbound for call {} not answered (the gateway falls back): {}", request.payload().callId(),
          e.toString());
    }
  }

  private static Envelope<InboundRouteRequest> read(byte[] body) {
    String type = MessageJson.typeOf(body);
    if (!InboundRouteRequest.TYPE.equals(type)) {
      throw new IllegalArgumentException("type is '" + type + "', expected " + InboundRouteRequest.TYPE);
    }
    Envelope<InboundRouteRequest> envelope = MessageJson.read(body, InboundRouteRequest.class);
    if (envelope.version() != InboundRouteRequest.VERSION) {
      throw new IllegalArgumentException("version " + envelope.version() + " is not supported");
    }
    return envelope;
  }

  private Message reply(Envelope<InboundRouteRequest> request, InboundRouteDecision decision,
      MessageProperties requestProps) {
    UUID messageId = UUID.nameUUIDFromBytes(
        (InboundRouteDecision.TYPE + ":" + request.messageId()).getBytes(StandardCharsets.UTF_8));
    Envelope<InboundRouteDecision> envelope = new Envelope<>(messageId, InboundRouteDecision.TYPE,
        InboundRouteDecision.VERSION, clock.instant(), request.correlationId(), decision);
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding(StandardCharsets.UTF_8.name());
    properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
    properties.setMessageId(messageId.toString());
    properties.setType(InboundRouteDecision.TYPE);
    // The requester matches the reply by the correlation id it put on the request.
    properties.setCorrelationId(requestProps.getCorrelationId() != null
        ? requestProps.getCorrelationId() : requestProps.getMessageId());
    return new Message(MessageJson.write(envelope), properties);
  }
}
