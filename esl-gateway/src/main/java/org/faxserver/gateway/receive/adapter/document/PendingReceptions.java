package org.faxserver.gateway.receive.adapter.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.faxserver.document.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable records of {@code inbound.received} messages the broker has not confirmed yet, so a received
 * fax survives a gateway crash between rxfax and the broker's confirm. One small JSON file per call
 * (the envelope as it is published), {@code inbound/pending/<call id>.received.json} in the shared
 * document store (atomic writes), for successful and failed receptions alike: one fixed directory is
 * all start-up recovery has to list (the store has no listing, and walking every tenant's
 * {@code inbound/<yyyy>/<MM>/<dd>/} would grow with the archive). The record names the TIFF's key.
 *
 * <p>The store is shared by the gateways, so a gateway starting while another one publishes may
 * re-publish that one's record too: harmless, the message id is derived from the call id.
 */
public final class PendingReceptions {

  private static final Logger log = LoggerFactory.getLogger(PendingReceptions.class);

  /** Where the records live in the store. */
  public static final String PREFIX = "inbound/pending/";

  /** A record's name ends so (the store's temporary files do not). */
  public static final String SUFFIX = ".received.json";

  private final DocumentStore store;

  public PendingReceptions(DocumentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The record's key for a call. */
  public static String key(UUID callId) {
    return PREFIX + callId + SUFFIX;
  }

  /** Writes (or replaces) the record; returns when it is durable. */
  public void save(UUID callId, byte[] envelopeJson) throws IOException {
    store.store(key(callId), envelopeJson);
  }

  /** A record left over from before this start. */
  public record Leftover(String key, byte[] envelopeJson) {}

  /** Every record in the store, oldest file first; an unreadable one is logged and skipped. */
  public List<Leftover> leftovers() throws IOException {
    Path dir = store.path(PREFIX + "x" + SUFFIX).map(Path::getParent).orElse(null);
    if (dir == null) {
      log.warn("The document store has no file system paths; pending inbound.received records cannot be listed");
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
          .filter(Files::isRegularFile)
          .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
          .toList();
    }
    List<Leftover> out = new ArrayList<>(files.size());
    for (Path file : files) {
      String key = PREFIX + file.getFileName();
      try (InputStream in = store.open(key)) {
        out.add(new Leftover(key, in.readAllBytes()));
      } catch (NoSuchFileException gone) {
        // Confirmed and deleted meanwhile (another gateway's record).
      } catch (IOException e) {
        log.error("Pending record {} unreadable: {}", key, e.toString());
      }
    }
    return out;
  }

  /** Deletes a record by its key once the broker confirmed its message; a missing record is fine. */
  public void deleteKey(String key) throws IOException {
    if (!key.startsWith(PREFIX) || !key.endsWith(SUFFIX)) {
      throw new IllegalArgumentException("not a pending record: " + key);
    }
    store.delete(key);
  }
}
