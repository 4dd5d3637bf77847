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

/**
 * A {@link DocumentStore} in a directory (shared with FreeSWITCH, {@code faxserver.documents.root}).
 * A key maps to {@code root/key}; writes go to a temporary file in the target directory, are forced
 * to disk, then moved into place atomically, so FreeSWITCH or a concurrent reader never picks up a
 * half-written TIFF, and the directory is forced to disk too, so the stored document survives a crash.
 */
public final class FileSystemDocumentStore implements DocumentStore {

  private static final String TEMP_PREFIX = ".tmp-";

  private final Path root;

  public FileSystemDocumentStore(Path root) throws IOException {
    Files.createDirectories(root);
    this.root = root.toRealPath();
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
    Files.createDirectories(directory);
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
    // The rename, and the entries of directories made for it, are durable only once their directories are: without
    // this a crash soon after the caller was told "stored" could leave the document under its temporary name, or not
    // at all. Every level up to the root, so a directory another thread has just made is covered too (a directory
    // with nothing new syncs in tens of microseconds).
    for (Path d = directory; d != null && d.startsWith(root); d = d.getParent()) {
      syncDirectory(d);
    }
  }

  private static void syncDirectory(Path directory) throws IOException {
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
