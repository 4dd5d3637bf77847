package org.faxserver.queue.gateway.adapter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.faxserver.queue.gateway.application.GatewayBreakers;
import org.faxserver.queue.gateway.model.GatewayHealthRule.Health;

/**
 * One resilience4j circuit breaker per gateway, fed with {@link Health} verdicts. Breakers live in
 * this replica's memory: each replica learns a gateway's health from the calls it sees, which is enough
 * to stop hammering a dead gateway (the call limit, which must be exact, is counted in the database).
 */
public final class Resilience4jGatewayBreakers implements GatewayBreakers {

  /** Marks a gateway failure for the breaker; never thrown. */
  static final class GatewayFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GatewayFailure() {
      super("gateway failure", null, false, false);
    }
  }

  private final CircuitBreakerRegistry registry;

  public Resilience4jGatewayBreakers(float failureRateThreshold, int minimumCalls, int slidingWindow,
      Duration openWait) {
    this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .failureRateThreshold(failureRateThreshold)
        .minimumNumberOfCalls(minimumCalls)
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(slidingWindow)
        .waitDurationInOpenState(openWait)
        .permittedNumberOfCallsInHalfOpenState(1)
        .build());
  }

  @Override
  public boolean allows(String gateway) {
    CircuitBreaker breaker = registry.circuitBreaker(gateway);
    // tryAcquirePermission also moves an open breaker to half-open once its wait is over; the
    // permission is given back at once because the call's outcome is recorded separately.
    if (breaker.tryAcquirePermission()) {
      breaker.releasePermission();
      return true;
    }
    return false;
  }

  @Override
  public void record(String gateway, Health health) {
    CircuitBreaker breaker = registry.circuitBreaker(gateway);
    if (health == Health.WORKING) {
      breaker.onSuccess(0, TimeUnit.MILLISECONDS);
    } else if (health == Health.FAILING) {
      breaker.onError(0, TimeUnit.MILLISECONDS, new GatewayFailure());
    }
  }

  /** For monitoring and tests. */
  public CircuitBreaker.State state(String gateway) {
    return registry.circuitBreaker(gateway).getState();
  }
}
