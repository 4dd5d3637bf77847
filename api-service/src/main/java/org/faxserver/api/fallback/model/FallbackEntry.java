package org.faxserver.api.fallback.model;

import java.time.Instant;

/**
 * A number on the softmodem fallback list, as fax-queue stores it.
 *
 * @param number E.164 number whose calls run with T.38 off
 * @param since  when it was put on the list (the mod_db value)
 * @param source who put it there: {@code learned} (a failed fax) or {@code admin}
 */
public record FallbackEntry(String number, Instant since, String source) {
}
