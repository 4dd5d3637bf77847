package org.faxserver.gateway.receive.application;

import java.util.UUID;
import org.faxserver.model.DocumentRef;

/** Where received faxes go: the shared document store. */
public interface ReceivedDocuments {

  /**
   * A new document for a call's fax, its directory created.
   *
   * @return the reference and the path FreeSWITCH's rxfax writes to
   */
  Target allocate(String tenantId, UUID callId);

  /** Whether rxfax wrote anything there (a non-empty file). */
  boolean written(DocumentRef document);

  /** A document to be written and the path FreeSWITCH sees it under. */
  record Target(DocumentRef document, String freeswitchPath) {}
}
