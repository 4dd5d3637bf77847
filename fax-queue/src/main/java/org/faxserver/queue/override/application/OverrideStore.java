package org.faxserver.queue.override.application;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: per-destination dial overrides. */
public interface OverrideStore {

  /** Destination → its variables, for the destinations that have overrides. */
  Mono<Map<String, Map<String, String>>> forDestinations(Collection<String> destinations);

  Mono<Void> put(String destination, String variable, String value);

  /** True if there was such an override. */
  Mono<Boolean> remove(String destination, String variable);
}
