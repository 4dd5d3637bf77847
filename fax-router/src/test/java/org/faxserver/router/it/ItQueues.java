package org.faxserver.router.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.List;
import org.faxserver.model.messaging.RoutingKeys;

/** Removes a test run's durable queues from the shared broker (best effort). */
final class ItQueues {

  private ItQueues() {}

  static void deleteQueuesOf(Connection amqp, String service) {
    for (String key : List.of(RoutingKeys.JOB_SUBMITTED, RoutingKeys.ROUTE_INBOUND, RoutingKeys.INBOUND_RECEIVED)) {
      for (String name : List.of(service + "." + key, service + "." + key + ".parking")) {
        try (Channel channel = amqp.createChannel()) {
          channel.queueDelete(name);
        } catch (Exception e) {
          // a leftover test queue harms nobody
        }
      }
    }
  }
}
