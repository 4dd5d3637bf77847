package org.faxserver.gateway.receive.application;

import org.faxserver.model.PhoneNumber;
import org.faxserver.model.inbound.InboundReceived;

/** What the receiving side tells the others. Implementations never block the caller. */
public interface InboundFacts {

  /** {@code inbound.received}; retried until the broker confirms it. */
  void received(InboundReceived received);

  /** The number goes on the softmodem fallback list everywhere ({@code fallback.set} to fax-queue). */
  void fallbackLearned(PhoneNumber number, long unixTime);
}
