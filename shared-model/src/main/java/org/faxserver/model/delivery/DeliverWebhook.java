package org.faxserver.model.delivery;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;

/**
 * Command (queue → notifier): post a fax document to a webhook endpoint. The notifier looks up the
 * signing secret by {@code endpointId} and answers with {@link DeliveryFinished}.
 *
 * @param attemptId  this delivery attempt, echoed in {@link DeliveryFinished}
 * @param jobId      the job being delivered
 * @param tenantId   the tenant the document belongs to
 * @param endpointId the webhook endpoint in the directory
 * @param url        where to post
 * @param document   the fax (TIFF-F)
 * @param from       sender; may be null for anonymous callers
 * @param to         the number the fax was sent to
 * @param pages      pages in the document
 * @param labels     the job's labels, passed on to the receiver
 */
public record DeliverWebhook(
    UUID attemptId,
    UUID jobId,
    String tenantId,
    String endpointId,
    String url,
    DocumentRef document,
    PhoneNumber from,
    PhoneNumber to,
    int pages,
    Map<String, String> labels) {

  public static final String TYPE = "deliver.webhook";
  public static final int VERSION = 1;

  public DeliverWebhook {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(to, "to");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
