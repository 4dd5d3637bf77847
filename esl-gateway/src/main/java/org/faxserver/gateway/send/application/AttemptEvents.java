package org.faxserver.gateway.send.application;

import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;

/**
 * Where the facts of an attempt go (port; the AMQP adapter publishes them to {@code fax.events}).
 * Both methods return at once: they are called from the ESL event thread, which must never wait
 * for the broker.
 */
public interface AttemptEvents {

  /** Informational; may be lost without harm. */
  void progress(AttemptProgress progress);

  /**
   * The one final fact of an attempt; delivered reliably (retried until the broker confirms).
   *
   * @param finished        the fact
   * @param learnedFallback the dialled number put on the softmodem fallback list because of this
   *                        attempt, or null
   */
  void finished(AttemptFinished finished, String learnedFallback);
}
