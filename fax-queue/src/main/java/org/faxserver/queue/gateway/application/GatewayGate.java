package org.faxserver.queue.gateway.application;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.gateway.model.GatewayAvailability;
import org.faxserver.queue.gateway.model.GatewayHealthRule;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether gateways may take a call now: the breaker first (an unhealthy gateway is not even counted),
 * then its live calls against its limit. Gateways are locked in name order, so two replicas starting
 * jobs with overlapping plans cannot deadlock.
 */
public final class GatewayGate {

  private final GatewayBreakers breakers;
  private final GatewayLoad load;
  private final ToIntFunction<String> limits;
  private final GatewayHealthRule healthRule = new GatewayHealthRule();

  public GatewayGate(GatewayBreakers breakers, GatewayLoad load, ToIntFunction<String> limits) {
    this.breakers = breakers;
    this.load = load;
    this.limits = limits;
  }

  public Mono<Map<String, GatewayAvailability>> availability(Collection<String> gateways) {
    return availability(gateways, Map.of());
  }

  /**
   * @param directoryLimits a gateway's limit from its directory entry ({@code max_concurrent_calls},
   *                        carried in the plan); gateways not in it use the configured limit
   */
  public Mono<Map<String, GatewayAvailability>> availability(Collection<String> gateways,
      Map<String, Integer> directoryLimits) {
    return Flux.fromIterable(new TreeSet<>(gateways))
        .concatMap(gateway -> check(gateway, directoryLimits.get(gateway)).map(a -> Map.entry(gateway, a)))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  private Mono<GatewayAvailability> check(String gateway, Integer directoryLimit) {
    if (!breakers.allows(gateway)) {
      return Mono.just(GatewayAvailability.UNHEALTHY);
    }
    int limit = directoryLimit != null ? directoryLimit : limits.applyAsInt(gateway);
    return load.lockAndCountLiveCalls(gateway)
        .map(live -> live >= limit ? GatewayAvailability.FULL : GatewayAvailability.AVAILABLE);
  }

  /** Tells the gateway's breaker what an attempt through it says about its health. */
  public void record(String gateway, AttemptOutcome outcome) {
    breakers.record(gateway, healthRule.judge(outcome));
  }
}
