package org.faxserver.model.job;

/** How a delivery plan reaches a recipient. */
public enum EndpointKind {
  /** A SIP gateway (carrier or tenant PBX): the fax is sent by esl-gateway. */
  GATEWAY,
  /** An HTTP endpoint: notifier posts the document. */
  WEBHOOK,
  /** Email address(es): notifier mails the document. */
  EMAIL
}
