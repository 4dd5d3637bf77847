package org.faxserver.model.job;

import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;

/**
 * Fact (api → router): a tenant asked to send a fax; the document is stored and converted to TIFF-F.
 *
 * @param jobId       the job's id, also the envelope's correlation id
 * @param tenantId    the submitting tenant
 * @param submittedBy id of the submitting user or API key; null if not known
 * @param from        the tenant number the fax is sent from (caller id)
 * @param to          the destination
 * @param document    the TIFF-F to send
 * @param pages       pages in the document
 * @param options     header, ident, labels, idempotency key
 */
public record JobSubmitted(
    UUID jobId,
    String tenantId,
    String submittedBy,
    PhoneNumber from,
    PhoneNumber to,
    DocumentRef document,
    int pages,
    JobOptions options) {

  public static final String TYPE = "job.submitted";
  public static final int VERSION = 1;

  public JobSubmitted {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(document, "document");
    options = options == null ? JobOptions.none() : options;
    if (pages < 1) {
      throw new IllegalArgumentException("a fax has at least one page, was " + pages);
    }
  }
}
