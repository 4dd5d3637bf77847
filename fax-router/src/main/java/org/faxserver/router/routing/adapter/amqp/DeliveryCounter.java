package org.faxserver.router.routing.adapter.amqp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.amqp.core.Message;

/**
 * How often a message has failed, to park it after too many tries. Quorum queues count deliveries
 * themselves ({@code x-delivery-count}); classic queues (the default topology, decision 0004) do not,
 * so failures are also counted here, per instance, by message id. The map is bounded: a message that
 * fell out of it simply gets a few more tries.
 */
public final class DeliveryCounter {

  private static final String QUORUM_COUNT = "x-delivery-count";
  private static final int TRACKED = 10_000;

  private final Map<String, Integer> failures =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > TRACKED;
        }
      };

  /**
   * Records a failed processing of the message identified by {@code id} (the envelope's message id)
   * and returns how many times it has failed so far.
   */
  public synchronized int failed(String id, Message message) {
    int local = failures.merge(id, 1, Integer::sum);
    Object header = message.getMessageProperties().getHeaders().get(QUORUM_COUNT);
    int broker = header instanceof Number n ? n.intValue() + 1 : 0;
    return Math.max(local, broker);
  }

  public synchronized void forget(String id) {
    failures.remove(id);
  }
}
