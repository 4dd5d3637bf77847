package org.faxserver.model.delivery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;

/**
 * Command (queue → notifier): mail a fax document to the addresses of an email endpoint. Answered with
 * {@link DeliveryFinished}.
 *
 * @param attemptId  this delivery attempt, echoed in {@link DeliveryFinished}
 * @param jobId      the job being delivered
 * @param tenantId   the tenant the document belongs to
 * @param endpointId the email endpoint in the directory
 * @param recipients at least one address
 * @param document   the fax (TIFF-F; the notifier may attach a PDF rendering)
 * @param from       sender; may be null for anonymous callers
 * @param to         the number the fax was sent to
 * @param pages      pages in the document
 * @param labels     the job's labels
 */
public record DeliverEmail(
    UUID attemptId,
    UUID jobId,
    String tenantId,
    String endpointId,
    List<String> recipients,
    DocumentRef document,
    PhoneNumber from,
    PhoneNumber to,
    int pages,
    Map<String, String> labels) {

  public static final String TYPE = "deliver.email";
  public static final int VERSION = 1;

  public DeliverEmail {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(to, "to");
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an email delivery needs at least one recipient");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
