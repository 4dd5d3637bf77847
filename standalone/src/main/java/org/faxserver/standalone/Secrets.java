package org.faxserver.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

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
    try {
      if (Files.exists(file)) {
        String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!secret.isEmpty()) {
          return secret;
        }
      }
      String secret = random(bytes);
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
      ownerOnly(file);
      return secret;
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
