package org.faxserver.queue.gateway.application;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.gateway.model.GatewayAvailability;
import org.faxserver.queue.gateway.model.GatewayHealthRule;
import reactor.core.publisher.Mono;

/**
 * Whether gateways may take a call now: the breaker first (an unhealthy gateway is never available), then its
 * live calls against its limit. The live calls are counted under per-gateway locks that last until the caller's
 * transaction ends, taken together in one fixed order ({@link GatewayLoad}), so two replicas starting jobs with
 * overlapping plans cannot deadlock and their counts stay exact; the caller counts them after {@link #lock}.
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

  /**
   * Locks every gateway that any job of the caller's transaction may call, all at once (locking them job by job
   * would take them out of order across jobs). Their live calls are counted after that, by the caller.
   */
  public Mono<Void> lock(Collection<String> gateways) {
    return load.lock(new TreeSet<>(gateways));
  }

  /** Like {@link #lock} without waiting: false when another transaction is starting calls through one of them. */
  public Mono<Boolean> tryLock(Collection<String> gateways) {
    return load.tryLock(new TreeSet<>(gateways));
  }

  /**
   * The gateways with their live calls, which the caller must have counted after {@link #lock} (or a successful
   * {@link #tryLock}) returned, in the same transaction; a gateway missing from {@code live} has none.
   */
  public LockedGateways counted(Collection<String> gateways, Map<String, Long> live) {
    Map<String, Long> calls = new HashMap<>();
    gateways.forEach(gateway -> calls.put(gateway, live.getOrDefault(gateway, 0L)));
    return new LockedGateways(calls);
  }

  /**
   * The gateways locked and counted for one transaction, with their live calls, including those it started itself.
   */
  public final class LockedGateways {
    private final Map<String, Long> live;

    private LockedGateways(Map<String, Long> live) {
      this.live = live;
    }

    /**
     * @param directoryLimits a gateway's limit from its directory entry ({@code max_concurrent_calls}, carried in
     *                        the plan); gateways not in it use the configured limit
     * @throws IllegalStateException for a gateway that was not locked and counted
     */
    public GatewayAvailability availability(String gateway, Map<String, Integer> directoryLimits) {
      Long calls = live.get(gateway);
      if (calls == null) {
        throw new IllegalStateException("gateway " + gateway + " was not locked and counted");
      }
      if (!breakers.allows(gateway)) {
        return GatewayAvailability.UNHEALTHY;
      }
      Integer directoryLimit = directoryLimits.get(gateway);
      int limit = directoryLimit != null ? directoryLimit : limits.applyAsInt(gateway);
      return calls >= limit ? GatewayAvailability.FULL : GatewayAvailability.AVAILABLE;
    }

    /** Counts a call this transaction started through {@code gateway}. */
    public void callStarted(String gateway) {
      live.computeIfPresent(gateway, (g, calls) -> calls + 1);
    }
  }

  /** Tells the gateway's breaker what an attempt through it says about its health. */
  public void record(String gateway, AttemptOutcome outcome) {
    breakers.record(gateway, healthRule.judge(outcome));
  }
}
