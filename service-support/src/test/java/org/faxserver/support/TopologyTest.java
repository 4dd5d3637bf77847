package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faxserver.model.messaging.Exchanges;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.junit.jupiter.api.Test;

class TopologyTest {

  @Test
  void aServiceQueueIsDurableBoundByItsKeyAndHasAParkingQueueWithoutBrokerSpecificArguments() {
    List<?> declarables = List.copyOf(Topology.serviceQueue("fax-queue", Exchanges.FAX_EVENTS, "job.routed", false)
        .getDeclarables());

    assertThat(declarables).filteredOn(Queue.class::isInstance).map(Queue.class::cast)
        .allSatisfy(q -> {
          assertThat(q.isDurable()).isTrue();
          assertThat(q.getArguments()).isEmpty();
        })
        .extracting(Queue::getName).containsExactly("fax-queue.job.routed", "fax-queue.job.routed.parking");
    assertThat(declarables).filteredOn(Binding.class::isInstance).map(Binding.class::cast)
        .singleElement().satisfies(b -> {
          assertThat(b.getExchange()).isEqualTo("fax.events");
          assertThat(b.getRoutingKey()).isEqualTo("job.routed");
          assertThat(b.getDestination()).isEqualTo("fax-queue.job.routed");
        });
  }

  @Test
  void quorumQueuesAreOnlyDeclaredWhenAskedFor() {
    List<?> declarables = List.copyOf(Topology.serviceQueue("svc", Exchanges.FAX_COMMANDS, "job.cancel", true)
        .getDeclarables());

    assertThat(declarables).filteredOn(Queue.class::isInstance).map(Queue.class::cast)
        .allSatisfy(q -> assertThat(q.getArguments()).containsEntry("x-queue-type", "quorum"));
  }
}
