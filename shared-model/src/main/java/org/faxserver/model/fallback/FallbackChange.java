package org.faxserver.model.fallback;

import java.time.Instant;
import java.util.Objects;
import org.faxserver.model.PhoneNumber;

/**
 * The softmodem fallback list: numbers that get T.38 off. One payload for three messages:
 * <ul>
 *   <li>{@link #SET_TYPE} (command, api → queue): put a number on the list;</li>
 *   <li>{@link #REMOVE_TYPE} (command, api → queue): take it off;</li>
 *   <li>{@link #CHANGED_TYPE} (fact, queue → every esl-gateway, {@code fax.events}): the list changed;
 *       gateways mirror it into mod_db as {@code fallback/<number>/<unix time>} or delete the key.</li>
 * </ul>
 * The envelope type is the routing key, as for every other message.
 *
 * @param number the remote number (mod_db key)
 * @param listed true when the number is (to be) on the list, false when removed
 * @param since  when it was put on the list (the mod_db value as unix seconds); null for removals or
 *               when the issuer leaves it to fax-queue
 */
public record FallbackChange(PhoneNumber number, boolean listed, Instant since) {

  public static final String SET_TYPE = "fallback.set";
  public static final String REMOVE_TYPE = "fallback.remove";
  public static final String CHANGED_TYPE = "fallback.changed";
  public static final int VERSION = 1;

  public FallbackChange {
    Objects.requireNonNull(number, "number");
  }

  public static FallbackChange listed(PhoneNumber number, Instant since) {
    return new FallbackChange(number, true, since);
  }

  public static FallbackChange removed(PhoneNumber number) {
    return new FallbackChange(number, false, null);
  }
}
