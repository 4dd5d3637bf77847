package org.faxserver.gateway.receive.adapter.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.document.store.DocumentKeys;
import org.faxserver.document.store.DocumentStore;
import org.faxserver.gateway.receive.application.ReceivedDocuments;
import org.faxserver.model.DocumentRef;

/**
 * Received faxes in the shared {@link DocumentStore}, keyed
 * {@code <tenant>/inbound/<yyyy>/<MM>/<dd>/<call id>.tif} (UTC date; a tenant id that is not a valid
 * key segment is reduced to letters, digits, '.', '_' and '-'). The directory is created here,
 * because rxfax only opens the file; FreeSWITCH writes it under
 * {@code faxserver.freeswitch.document-root}, which names the same volume as FreeSWITCH mounts it.
 */
public final class StoreReceivedDocuments implements ReceivedDocuments {

  private final DocumentStore store;
  private final Path freeswitchRoot;
  private final Clock clock;

  /** @param freeswitchRoot the store's root as FreeSWITCH sees it; null = the store's own paths */
  public StoreReceivedDocuments(DocumentStore store, Path freeswitchRoot, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.freeswitchRoot = freeswitchRoot;
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Target allocate(String tenantId, UUID callId) {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String key = DocumentKeys.requireValid(String.format("%s/inbound/%04d/%02d/%02d/%s.tif", segment(tenantId),
        day.getYear(), day.getMonthValue(), day.getDayOfMonth(), callId));
    Path local = store.path(key).orElseThrow(() -> new IllegalStateException(
        "the document store has no file system paths; rxfax needs one"));
    try {
      Files.createDirectories(local.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + local.getParent(), e);
    }
    Path forFreeswitch = freeswitchRoot == null ? local : freeswitchRoot.resolve(key);
    return new Target(DocumentRef.tiff(key), forFreeswitch.toString());
  }

  @Override
  public boolean written(DocumentRef document) {
    try {
      return store.exists(document.key())
          && store.path(document.key()).map(p -> p.toFile().length() > 0).orElse(true);
    } catch (IOException e) {
      return false;
    }
  }

  static String segment(String tenantId) {
    String s = tenantId == null ? "" : tenantId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) && s.charAt(0) != '_') {
      s = "t" + s;
    }
    return s.length() > 100 ? s.substring(0, 100) : s;
  }
}
