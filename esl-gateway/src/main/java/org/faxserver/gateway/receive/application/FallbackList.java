package org.faxserver.gateway.receive.application;

import java.util.concurrent.CompletableFuture;
import org.faxserver.model.PhoneNumber;

/** This node's softmodem fallback list (mod_db realm {@code fallback}). */
public interface FallbackList {

  /** Whether the number is listed; completes with false when FreeSWITCH cannot be asked. */
  CompletableFuture<Boolean> listed(PhoneNumber number);

  /** {@code db insert/fallback/<number>/<unix time>}. */
  CompletableFuture<Void> learn(PhoneNumber number, long unixTime);
}
