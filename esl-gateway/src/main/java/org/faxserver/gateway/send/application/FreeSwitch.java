package org.faxserver.gateway.send.application;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.faxserver.gateway.send.model.DestinationSettings;

/**
 * The FreeSWITCH node as the sending side needs it (port; the ESL adapter implements it). Every
 * method returns at once; futures complete on the adapter's threads, so callers that wait on them
 * must not be on the event thread.
 */
public interface FreeSwitch {

  /** Whether the event connection is up (authenticated and subscribed). */
  boolean isReady();

  /**
   * What this node's mod_db says about a dialled number: {@code db exists/fallback/<number>}, then
   * {@code db list/override-<number>} and {@code db select} per key ("no reply" means none).
   */
  CompletableFuture<DestinationSettings> destinationSettings(String dialledNumber);

  /**
   * Sends {@code bgapi <originateCommand>} with our {@code Job-UUID}. Completes when FreeSWITCH
   * accepted the job; the call's outcome arrives later as events and the BACKGROUND_JOB.
   */
  CompletableFuture<Void> originate(String originateCommand, String jobUuid);

  /** {@code uuid_kill <uuid>}; true if FreeSWITCH had the channel. */
  CompletableFuture<Boolean> kill(UUID channel);

  /** {@code uuid_exists <uuid>}. */
  CompletableFuture<Boolean> exists(UUID channel);

  /** The outbound channels FreeSWITCH has now ({@code show channels}). */
  CompletableFuture<List<UUID>> outboundChannels();

  /** A channel variable ({@code uuid_getvar}); null if unset or the channel is gone. */
  CompletableFuture<String> variable(UUID channel, String name);

  /** Puts a number on the softmodem fallback list: {@code db insert/fallback/<number>/<unix time>}. */
  CompletableFuture<Void> learnFallback(String dialledNumber, long unixTime);
}
