package org.faxserver.api.fallback.model;

import java.time.Instant;

/** A dial-string override as fax-queue stores it. */
public record OverrideEntry(String destination, String variable, String value, Instant updatedAt) {
}
