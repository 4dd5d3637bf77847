package org.faxserver.notifier.delivery.model;

/** What a notice is about; the lower-case name is the webhook {@code event} and the email template key. */
public enum NoticeEvent {
  /** A fax document delivered to an email or webhook endpoint of a delivery plan. */
  DOCUMENT("fax.document"),
  /** Receipt: a fax sent through the API reached its destination. */
  SENT("fax.sent"),
  /** Receipt: a fax sent through the API failed or was cancelled. */
  SEND_FAILED("fax.send_failed"),
  /** Receipt: a received fax was delivered to the tenant's endpoints. */
  RECEIVED("fax.received"),
  /** Receipt: a received fax could not be delivered to the tenant's endpoints. */
  RECEIVED_UNDELIVERED("fax.received_undelivered"),
  /** Receipt: an inbound fax call failed before the document was complete. */
  RECEPTION_FAILED("fax.reception_failed");

  private final String wireName;

  NoticeEvent(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The template key, e.g. "send-failed". */
  public String templateKey() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
