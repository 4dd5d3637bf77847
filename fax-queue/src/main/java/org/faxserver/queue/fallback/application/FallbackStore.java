package org.faxserver.queue.fallback.application;

import java.util.Collection;
import java.util.Set;
import reactor.core.publisher.Mono;

/** Port: the softmodem fallback list. */
public interface FallbackStore {

  /** Which of the numbers are listed. */
  Mono<Set<String>> listedAmong(Collection<String> numbers);

  /** Lists a number; true if it was not listed before (or its time changed on an admin set). */
  Mono<Boolean> add(String number, long sinceUnix, String source, boolean replace);

  /** True if it was listed. */
  Mono<Boolean> remove(String number);
}
