package org.faxserver.queue.attempt.application;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Port: what starting jobs must know about their gateways and destinations, read with one statement once the
 * gateways are locked: each statement is a round trip made while those locks are held, and at a moderate rate most
 * jobs are started by the transaction that accepts them. So it reads the fallback list and the overrides too, which
 * the {@code fallback} and {@code override} packages otherwise own.
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
