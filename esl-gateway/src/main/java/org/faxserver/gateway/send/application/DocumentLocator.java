package org.faxserver.gateway.send.application;

import java.util.Optional;
import org.faxserver.model.DocumentRef;

/** Finds a document where FreeSWITCH can read it (port). */
public interface DocumentLocator {

  /** The path FreeSWITCH opens for txfax, or empty if the document does not exist (or is not ours to send). */
  Optional<String> freeswitchPath(DocumentRef document);
}
