package org.faxserver.queue.override.application;

import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: per-destination dial overrides. */
public interface OverrideStore {

  Mono<Map<String, String>> forDestination(String destination);

  Mono<Void> put(String destination, String variable, String value);

  /** True if there was such an override. */
  Mono<Boolean> remove(String destination, String variable);
}
