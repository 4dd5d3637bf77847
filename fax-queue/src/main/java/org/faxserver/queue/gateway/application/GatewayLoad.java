package org.faxserver.queue.gateway.application;

import java.util.Collection;
import reactor.core.publisher.Mono;

/**
 * Port: the per-gateway locks that serialise "count the live calls, then start one" across replicas. The count
 * itself is read after the locks, with what else a start needs ({@code StartLookups}), so that every replica sees the
 * calls the transactions before it committed.
 */
public interface GatewayLoad {

  /**
   * Takes the gateways' locks until the transaction ends (so two replicas cannot both take a gateway's last free
   * line), all in one fixed order (so two transactions with overlapping gateways cannot deadlock).
   */
  Mono<Void> lock(Collection<String> gateways);

  /**
   * Like {@link #lock} without waiting: false when another transaction holds one of the locks (those it did get are
   * held until the transaction ends, like the others).
   */
  Mono<Boolean> tryLock(Collection<String> gateways);
}
