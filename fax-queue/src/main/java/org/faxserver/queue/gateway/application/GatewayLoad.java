package org.faxserver.queue.gateway.application;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: live calls per gateway, counted in the database so every replica sees the same number. */
public interface GatewayLoad {

  /**
   * Takes the gateways' locks until the transaction ends (so two replicas cannot both take a gateway's last free
   * line), all in one fixed order (so two transactions with overlapping gateways cannot deadlock), and counts
   * their live calls.
   *
   * @return every gateway given, with its live calls (0 when none)
   */
  Mono<Map<String, Long>> lockAndCountLiveCalls(Collection<String> gateways);

  /**
   * Like {@link #lockAndCountLiveCalls} without waiting: empty when another transaction holds one of the locks (those
   * it did get are held until the transaction ends, like the others).
   */
  Mono<Map<String, Long>> tryLockAndCountLiveCalls(Collection<String> gateways);
}
