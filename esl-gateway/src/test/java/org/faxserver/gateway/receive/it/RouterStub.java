package org.faxserver.gateway.receive.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.testkit.infra.TestInfrastructure;

/**
 * Plays fax-router for the receiving side on the shared broker: answers {@code route.inbound}
 * requests sent with the test's own routing key (a decision per callee, or silence), and collects
 * {@code inbound.received} and {@code fallback.set} (callers filter by their own call ids/numbers).
 */
final class RouterStub implements AutoCloseable {

  private final Connection connection;
  private final Channel channel;
  private final Map<String, Function<InboundRouteRequest, InboundRouteDecision>> answers = new ConcurrentHashMap<>();
  final List<InboundRouteRequest> requests = new CopyOnWriteArrayList<>();
  final List<InboundReceived> received = new CopyOnWriteArrayList<>();
  final List<FallbackChange> fallbacks = new CopyOnWriteArrayList<>();

  RouterStub(String routeKey, String receivedKey, String fallbackKey) throws IOException {
    connection = TestInfrastructure.get().rabbit().newConnection();
    channel = connection.createChannel();
    channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
    channel.exchangeDeclare(Exchanges.FAX_COMMANDS, "topic", true);
    String requestQueue = channel.queueDeclare().getQueue();
    channel.queueBind(requestQueue, Exchanges.FAX_COMMANDS, routeKey);
    DeliverCallback onRequest = (tag, delivery) -> {
      InboundRouteRequest request = MessageJson.read(delivery.getBody(), InboundRouteRequest.class).payload();
      requests.add(request);
      Function<InboundRouteRequest, InboundRouteDecision> answer = answers.get(request.callee().e164());
      if (answer == null) {
        return; // a router that does not answer
      }
      InboundRouteDecision decision = answer.apply(request);
      if (decision == null) {
        return;
      }
      Envelope<InboundRouteDecision> reply = Envelope.of(InboundRouteDecision.TYPE, InboundRouteDecision.VERSION,
          request.callId().toString(), decision, Clock.systemUTC());
      synchronized (channel) {
        channel.basicPublish("", delivery.getProperties().getReplyTo(), new AMQP.BasicProperties.Builder()
            .correlationId(delivery.getProperties().getCorrelationId()).contentType("application/json").build(),
            MessageJson.write(reply));
      }
    };
    channel.basicConsume(requestQueue, true, onRequest, tag -> { });
    String facts = channel.queueDeclare().getQueue();
    channel.queueBind(facts, Exchanges.FAX_EVENTS, receivedKey);
    channel.queueBind(facts, Exchanges.FAX_COMMANDS, fallbackKey);
    channel.basicConsume(facts, true, (tag, delivery) -> {
      String type = MessageJson.typeOf(delivery.getBody());
      if (InboundReceived.TYPE.equals(type)) {
        received.add(MessageJson.read(delivery.getBody(), InboundReceived.class).payload());
      } else if (FallbackChange.SET_TYPE.equals(type)) {
        fallbacks.add(MessageJson.read(delivery.getBody(), FallbackChange.class).payload());
      }
    }, tag -> { });
  }

  static RouterStub start(String testId) {
    try {
      return new RouterStub(RoutingKeys.ROUTE_INBOUND + ".test-" + testId,
          RoutingKeys.INBOUND_RECEIVED + ".test-" + testId, RoutingKeys.FALLBACK_SET + ".test-" + testId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How the router answers calls for a number (E.164); unset numbers get no answer at all. */
  void answer(String calleeE164, Function<InboundRouteRequest, InboundRouteDecision> decision) {
    answers.put(calleeE164, decision);
  }

  void silence(String calleeE164) {
    answers.remove(calleeE164);
  }

  InboundReceived awaitReceived(UUID callId, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (InboundReceived r : received) {
        if (r.callId().equals(callId)) {
          return r;
        }
      }
      sleep(20);
    }
    throw new AssertionError("no inbound.received for call " + callId + " within " + timeout);
  }

  List<InboundReceived> received(UUID callId) {
    return received.stream().filter(r -> r.callId().equals(callId)).toList();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes durable queues the test's gateway declared (best effort), once they have no consumer (the
   * gateway stops consuming originates when FreeSWITCH went away).
   */
  void deleteQueues(String... names) {
    for (String name : names) {
      try {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
          synchronized (channel) {
            if (channel.queueDeclarePassive(name).getConsumerCount() == 0) {
              break;
            }
          }
          sleep(50);
        }
        synchronized (channel) {
          channel.queueDelete(name);
        }
      } catch (IOException | RuntimeException e) {
        return; // the channel closes on a missing queue; a leftover test queue harms nobody
      }
    }
  }

  @Override
  public void close() throws Exception {
    connection.close();
  }
}
