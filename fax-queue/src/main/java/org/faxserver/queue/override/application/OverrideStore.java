package org.faxserver.queue.override.application;

import reactor.core.publisher.Mono;

/** Port: per-destination dial overrides. */
public interface OverrideStore {

  Mono<Void> put(String destination, String variable, String value);

  /** True if there was such an override. */
  Mono<Boolean> remove(String destination, String variable);
}
