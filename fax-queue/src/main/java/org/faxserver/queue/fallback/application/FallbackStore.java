package org.faxserver.queue.fallback.application;

import reactor.core.publisher.Mono;

/** Port: the softmodem fallback list. */
public interface FallbackStore {

  /** Lists a number; true if it was not listed before (or its time changed on an admin set). */
  Mono<Boolean> add(String number, long sinceUnix, String source, boolean replace);

  /** True if it was listed. */
  Mono<Boolean> remove(String number);
}
