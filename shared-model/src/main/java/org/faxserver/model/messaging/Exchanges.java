package org.faxserver.model.messaging;

/** Names of the durable RabbitMQ exchanges (DESIGN.md §3). Both are topic exchanges. */
public final class Exchanges {

  /** Facts: things that happened ("job.submitted", "attempt.finished", ...). */
  public static final String FAX_EVENTS = "fax.events";

  /** Work: commands a single consumer acts on ("fax.originate", "deliver.webhook", ...). */
  public static final String FAX_COMMANDS = "fax.commands";

  private Exchanges() {}
}
