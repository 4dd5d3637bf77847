package org.faxserver.gateway.receive.adapter.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.faxserver.gateway.receive.application.InboundRouter;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;

/**
 * {@code route.inbound} as request/reply (decision 0003): the request goes to {@code fax.commands}
 * with {@code reply-to} = this instance's exclusive reply queue; the {@link AsyncRabbitTemplate}
 * matches the reply by correlation id and fails the future after the timeout. The request expires in
 * the broker after the same time, so a router that catches up later does not answer stale calls.
 * Nothing blocks.
 */
public final class RabbitInboundRouter implements InboundRouter {

  private final AsyncRabbitTemplate template;
  private final String routingKey;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param template   started, with its receive timeout set to {@code timeout}
   * @param routingKey {@code route.inbound}, or a test's own key
   */
  public RabbitInboundRouter(AsyncRabbitTemplate template, String routingKey, Duration timeout, Clock clock) {
    this.template = Objects.requireNonNull(template);
    this.routingKey = Objects.requireNonNull(routingKey);
    this.timeout = Objects.requireNonNull(timeout);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public CompletableFuture<InboundRouteDecision> ask(InboundRouteRequest request) {
    Envelope<InboundRouteRequest> envelope = Envelope.of(InboundRouteRequest.TYPE, InboundRouteRequest.VERSION,
        request.callId().toString(), request, clock);
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setMessageId(envelope.messageId().toString());
    props.setType(InboundRouteRequest.TYPE);
    props.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
    props.setExpiration(Long.toString(timeout.toMillis()));
    Message message = new Message(MessageJson.write(envelope), props);
    return template.sendAndReceive(Exchanges.FAX_COMMANDS, routingKey, message)
        .thenApply(reply -> read(reply, request.callId()));
  }

  private static InboundRouteDecision read(Message reply, UUID callId) {
    Envelope<InboundRouteDecision> envelope = MessageJson.read(reply.getBody(), InboundRouteDecision.class);
    if (!InboundRouteDecision.TYPE.equals(envelope.type())) {
      throw new IllegalArgumentException("reply type is '" + envelope.type() + "'");
    }
    if (!callId.equals(envelope.payload().callId())) {
      throw new IllegalArgumentException("reply is for call " + envelope.payload().callId() + ", not " + callId);
    }
    return envelope.payload();
  }
}
