package org.faxserver.model.job;

import java.util.Map;

/**
 * Per-job choices made by the submitter.
 *
 * @param header         page header text; null for the tenant/number default
 * @param ident          station id (TSI) to present; null for the tenant/number default
 * @param labels         free key/value tags the client attaches, echoed back in status and receipts
 * @param idempotencyKey the client's Idempotency-Key, if it sent one
 */
public record JobOptions(String header, String ident, Map<String, String> labels, String idempotencyKey) {

  public JobOptions {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public static JobOptions none() {
    return new JobOptions(null, null, Map.of(), null);
  }
}
