package org.faxserver.queue.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.faxserver.queue.gateway.model.GatewayAvailability;
import org.faxserver.queue.gateway.model.GatewayHealthRule.Health;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class GatewayGateTest {

  private final GatewayBreakers healthy = new GatewayBreakers() {
    @Override
    public boolean allows(String gateway) {
      return !gateway.equals("broken");
    }

    @Override
    public void record(String gateway, Health health) {}
  };

  /** Every gateway has 3 live calls; the configured limit is 10. */
  private final GatewayGate gate = new GatewayGate(healthy, gateway -> Mono.just(3L), gateway -> 10);

  @Test
  void theDirectoryLimitOfAGatewayWinsOverTheConfiguredOne() {
    Map<String, GatewayAvailability> a = gate.availability(List.of("pbx", "carrier", "broken"), Map.of("pbx", 3))
        .block();

    assertThat(a).containsEntry("pbx", GatewayAvailability.FULL)
        .containsEntry("carrier", GatewayAvailability.AVAILABLE)
        .containsEntry("broken", GatewayAvailability.UNHEALTHY);
  }
}
