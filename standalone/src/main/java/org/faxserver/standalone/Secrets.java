package org.faxserver.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Random secrets, and the files that keep them, readable by their owner only. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** {@code bytes} random bytes as letters and digits (URL-safe base64 with '-' and '_' replaced). */
  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
  }

  /** The secret kept in {@code file}; a random one of {@code bytes} bytes is made and kept on the first call. */
  static String stored(Path file, int bytes) {
    return read(file).orElseGet(() -> {
      String secret = random(bytes);
      keep(file, secret);
      return secret;
    });
  }

  /** The secret kept in {@code file}, if there is one (the file is made owner-only again). */
  static Optional<String> read(Path file) {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      ownerOnly(file);
      String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
      return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret in " + file, e);
    }
  }

  /** Keeps {@code secret} in {@code file}, owner-only from the start, replacing it whole (never half written). */
  static void keep(Path file, String secret) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      try {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(temporary); // not a POSIX file system
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a secret in " + file, e);
    }
  }

  /** rw------- on a file. */
  static void ownerOnly(Path file) {
    permissions(file, "rw-------");
  }

  /** rwx------ on a directory: what is below it (documents, database, broker store, secrets) is the owner's. */
  static void ownerOnlyDirectory(Path directory) {
    permissions(directory, "rwx------");
  }

  private static void permissions(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: leave as is
    }
  }
}
