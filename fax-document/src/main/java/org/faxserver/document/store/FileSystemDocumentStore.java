package org.faxserver.document.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DocumentStore} in a directory (shared with FreeSWITCH, {@code faxserver.documents.root}).
 * A key maps to {@code root/key}; writes go to a temporary file in the target directory, are forced
 * to disk, then moved into place atomically, so FreeSWITCH or a concurrent reader never picks up a
 * half-written TIFF, and the directory is forced to disk too, so the stored document survives a crash.
 * Directories above it are forced once, when the store first writes into a directory it has not seen: directories
 * under the root must not be removed while services that share it run (one that this store finds missing it makes
 * and forces again, but it cannot know of one that another process removed and made again meanwhile).
 */
public final class FileSystemDocumentStore implements DocumentStore {

  private static final String TEMP_PREFIX = ".tmp-";
  /** A bound on what {@link #durableDirectories} holds; forgetting them only costs the next write a few syncs. */
  private static final int DURABLE_DIRECTORIES_KEPT = 10_000;

  private final Path root;
  private final DirectorySync sync;
  /**
   * Directories whose own entry, in their parent, is known to be on disk: each was there when its parent was forced
   * after it was found or made. A write into one of them forces only that directory, for the rename.
   */
  private final Set<Path> durableDirectories = ConcurrentHashMap.newKeySet();

  /** Forces a directory's entries to disk; a test can watch it. */
  @FunctionalInterface
  interface DirectorySync {
    void force(Path directory) throws IOException;
  }

  public FileSystemDocumentStore(Path root) throws IOException {
    this(root, FileSystemDocumentStore::forceDirectory);
  }

  FileSystemDocumentStore(Path root, DirectorySync sync) throws IOException {
    Files.createDirectories(root);
    this.root = root.toRealPath();
    this.sync = sync;
  }

  public Path root() {
    return root;
  }

  @Override
  public void store(String key, byte[] content) throws IOException {
    store(key, new ByteArrayInputStream(content));
  }

  @Override
  public void store(String key, InputStream content) throws IOException {
    Path target = resolve(key);
    Path directory = target.getParent();
    if (!Files.isDirectory(directory)) {
      // New, or removed by someone: it and the missing directories above it are forgotten before they are made, so
      // no concurrent write takes them for durable before the walk below has forced their parents.
      for (Path d = directory; !d.equals(root) && !Files.isDirectory(d); d = d.getParent()) {
        durableDirectories.remove(d);
      }
      Files.createDirectories(directory);
    }
    // Same directory as the target: the move is a rename on one file system.
    Path temp = Files.createTempFile(directory, TEMP_PREFIX, ".part");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        content.transferTo(out);
        out.flush();
        channel.force(true);
      }
      moveIntoPlace(temp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    // The rename, and the entries of directories made for it (by this thread or another), are durable only once
    // their directories are: without this a crash soon after the caller was told "stored" could leave the document
    // under its temporary name, or not at all.
    sync.force(directory);
    if (!isDurable(directory)) {
      Path parent = directory.getParent();
      sync.force(parent);
      while (!isDurable(parent)) {
        parent = parent.getParent();
        sync.force(parent);
      }
      if (durableDirectories.size() > DURABLE_DIRECTORIES_KEPT) {
        durableDirectories.clear();
      }
      for (Path d = directory; !d.equals(parent); d = d.getParent()) {
        durableDirectories.add(d);
      }
    }
  }

  /** Whether the directory's own entry is known to be on disk; the root's is the deployment's (a volume, a mount). */
  private boolean isDurable(Path directory) {
    return directory.equals(root) || durableDirectories.contains(directory);
  }

  private static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  @Override
  public Optional<Path> path(String key) {
    return Optional.of(resolve(key));
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public boolean delete(String key) throws IOException {
    return Files.deleteIfExists(resolve(key));
  }

  private Path resolve(String key) {
    Path resolved = root.resolve(DocumentKeys.requireValid(key)).normalize();
    // Unreachable with a valid key; kept so a future change to the key rules cannot open a hole.
    if (!resolved.startsWith(root)) {
      throw new DocumentKeys.InvalidDocumentKeyException("document key leaves the store: " + key);
    }
    return resolved;
  }
}
