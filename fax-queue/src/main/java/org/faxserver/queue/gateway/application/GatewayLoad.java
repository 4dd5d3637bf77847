package org.faxserver.queue.gateway.application;

import reactor.core.publisher.Mono;

/** Port: live calls per gateway, counted in the database so every replica sees the same number. */
public interface GatewayLoad {

  /**
   * Takes the gateway's lock until the transaction ends (so two replicas cannot both take its last
   * free line) and counts its live calls.
   */
  Mono<Long> lockAndCountLiveCalls(String gateway);
}
