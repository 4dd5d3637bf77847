package org.faxserver.queue.attempt.application;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Port: what starting jobs must know about their gateways and destinations, read in one statement once the
 * gateways are locked (a start runs in the transaction that accepted its job, so each statement is a round trip
 * every job waits for).
 */
public interface StartLookups {

  /**
   * @param liveCalls live gateway calls per gateway named (a gateway without any is missing)
   * @param listed    the destinations on the softmodem fallback list
   * @param overrides destination → its stored dial-string overrides, for the destinations that have any
   */
  record Found(Map<String, Long> liveCalls, Set<String> listed, Map<String, Map<String, String>> overrides) {}

  /** Reads them within the caller's transaction, after it locked {@code gateways}. */
  Mono<Found> read(Collection<String> gateways, Collection<String> destinations);
}
