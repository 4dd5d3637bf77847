package org.faxserver.queue.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faxserver.queue.gateway.application.GatewayGate.LockedGateways;
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

  private final List<List<String>> locked = new ArrayList<>();

  /** The configured limit is 10. */
  private final GatewayGate gate = new GatewayGate(healthy, new GatewayLoad() {
    @Override
    public Mono<Void> lock(Collection<String> gateways) {
      locked.add(List.copyOf(gateways));
      return Mono.empty();
    }

    @Override
    public Mono<Boolean> tryLock(Collection<String> gateways) {
      return lock(gateways).thenReturn(true);
    }
  }, gateway -> 10);

  /** Every gateway has 3 live calls. */
  private LockedGateways lockedWithThreeCallsEach(List<String> gateways) {
    Map<String, Long> live = new HashMap<>();
    gateways.forEach(g -> live.put(g, 3L));
    return gate.counted(gateways, live);
  }

  @Test
  void theDirectoryLimitOfAGatewayWinsOverTheConfiguredOne() {
    LockedGateways locked = lockedWithThreeCallsEach(List.of("pbx", "carrier", "broken"));

    assertThat(locked.availability("pbx", Map.of("pbx", 3))).isEqualTo(GatewayAvailability.FULL);
    assertThat(locked.availability("carrier", Map.of("pbx", 3))).isEqualTo(GatewayAvailability.AVAILABLE);
    assertThat(locked.availability("broken", Map.of())).isEqualTo(GatewayAvailability.UNHEALTHY);
  }

  @Test
  void allGatewaysAreLockedTogetherOnceEach() {
    gate.lock(List.of("pbx", "carrier", "pbx", "broken")).block();

    assertThat(locked).hasSize(1);
    assertThat(locked.get(0)).containsExactlyInAnyOrder("broken", "carrier", "pbx");
  }

  @Test
  void callsStartedInTheTransactionCountAgainstTheLimit() {
    LockedGateways locked = lockedWithThreeCallsEach(List.of("pbx"));

    locked.callStarted("pbx");
    assertThat(locked.availability("pbx", Map.of("pbx", 5))).isEqualTo(GatewayAvailability.AVAILABLE);
    locked.callStarted("pbx");
    assertThat(locked.availability("pbx", Map.of("pbx", 5))).isEqualTo(GatewayAvailability.FULL);
  }

  @Test
  void aGatewayWithoutCountedCallsHasNone() {
    LockedGateways locked = gate.counted(List.of("pbx"), Map.of());

    assertThat(locked.availability("pbx", Map.of("pbx", 1))).isEqualTo(GatewayAvailability.AVAILABLE);
    locked.callStarted("pbx");
    assertThat(locked.availability("pbx", Map.of("pbx", 1))).isEqualTo(GatewayAvailability.FULL);
  }

  @Test
  void aGatewayThatWasNotLockedCannotBeJudged() {
    LockedGateways locked = lockedWithThreeCallsEach(List.of("pbx"));

    assertThatThrownBy(() -> locked.availability("carrier", Map.of())).isInstanceOf(IllegalStateException.class);
  }
}
