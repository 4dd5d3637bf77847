package org.faxserver.document.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where fax documents live (TIFF-F to send, PDFs "as sent", received faxes), addressed by relative
 * keys that the server generates and messages carry as {@code DocumentRef.key}. Keys are checked by
 * {@link DocumentKeys#requireValid}; a client never chooses a key or a path.
 *
 * <p>Writes are atomic: a reader sees the old document or the new one, never a partial file.
 */
public interface DocumentStore {

  /** Stores (or replaces) the document under {@code key}. */
  void store(String key, byte[] content) throws IOException;

  /** Stores (or replaces) the document under {@code key}, reading {@code content} to its end. */
  void store(String key, InputStream content) throws IOException;

  /**
   * Opens the document for reading; the caller closes the stream.
   *
   * @throws NoSuchFileException if there is no document under {@code key}
   */
  InputStream open(String key) throws IOException;

  /**
   * The local file of the document, for consumers that need a path (FreeSWITCH's txfax reads the
   * TIFF from disk). Empty for stores that are not file-system backed. The file need not exist.
   */
  Optional<Path> path(String key);

  boolean exists(String key) throws IOException;

  /** Deletes the document; returns whether it existed. */
  boolean delete(String key) throws IOException;
}
