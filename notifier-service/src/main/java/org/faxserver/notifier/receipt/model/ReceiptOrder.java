package org.faxserver.notifier.receipt.model;

import java.util.List;

/**
 * One receipt to send.
 *
 * @param kind           the notify kind
 * @param channel        "email" or "webhook"
 * @param targets        email addresses (one email to all of them) or the one webhook URL
 * @param destination    the destination as written in the notify string (for stable ids)
 * @param attachDocument attach the fax as PDF (when there is a document)
 * @param attachReport   attach the transmission report
 * @param multipart      webhook: multipart/form-data instead of JSON
 */
public record ReceiptOrder(
    ReceiptKind kind,
    String channel,
    List<String> targets,
    String destination,
    boolean attachDocument,
    boolean attachReport,
    boolean multipart) {

  public ReceiptOrder {
    targets = List.copyOf(targets);
  }
}
