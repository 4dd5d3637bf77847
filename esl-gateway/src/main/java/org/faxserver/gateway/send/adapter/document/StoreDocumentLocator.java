package org.faxserver.gateway.send.adapter.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.document.store.DocumentKeys;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.gateway.send.application.DocumentLocator;
import org.faxserver.model.DocumentRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a document in the {@link DocumentStore} and names it the way FreeSWITCH sees it (decision
 * 0004): the store checks it under the root this process sees ({@code faxserver.documents.root});
 * txfax opens it under {@code faxserver.freeswitch.document-root}, which differs when FreeSWITCH
 * mounts the shared volume elsewhere. Keys come from messages, so an invalid one (absolute, "..")
 * is treated as missing rather than resolved.
 */
public final class StoreDocumentLocator implements DocumentLocator {

  private static final Logger log = LoggerFactory.getLogger(StoreDocumentLocator.class);

  private final DocumentStore store;
  private final Path freeswitchRoot;

  /**
   * @param store          the shared document store
   * @param freeswitchRoot the store's root as FreeSWITCH sees it; null = the store's own paths
   */
  public StoreDocumentLocator(DocumentStore store, Path freeswitchRoot) {
    this.store = Objects.requireNonNull(store);
    this.freeswitchRoot = freeswitchRoot;
  }

  @Override
  public Optional<String> freeswitchPath(DocumentRef document) {
    String key = document.key();
    try {
      DocumentKeys.requireValid(key);
      Optional<Path> local = store.path(key);
      if (!store.exists(key) || local.isEmpty() || !Files.isReadable(local.get())) {
        return Optional.empty();
      }
      Path forFreeswitch = freeswitchRoot == null ? local.get() : freeswitchRoot.resolve(key);
      return Optional.of(forFreeswitch.toString());
    } catch (DocumentKeys.InvalidDocumentKeyException e) {
      log.warn("refusing document key '{}': {}", key, e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot check document '{}': {}", key, e.toString());
      return Optional.empty();
    }
  }
}
