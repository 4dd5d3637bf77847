package org.faxserver.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One input document: bytes already in memory, or a (temporary) file written by the caller. The
 * converter decides the type from the content; there is deliberately no file name.
 */
public sealed interface DocumentSource permits DocumentSource.Bytes, DocumentSource.File {

  /** Number of bytes of the document. */
  long size() throws IOException;

  /** The first {@code n} bytes (fewer if the document is shorter). */
  byte[] head(int n) throws IOException;

  /** The last {@code n} bytes (fewer if the document is shorter). */
  byte[] tail(int n) throws IOException;

  static DocumentSource of(byte[] bytes) {
    return new Bytes(bytes);
  }

  static DocumentSource of(Path file) {
    return new File(file);
  }

  /** A document held in memory. */
  record Bytes(byte[] bytes) implements DocumentSource {
    public Bytes {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public byte[] head(int n) {
      return Arrays.copyOf(bytes, Math.min(n, bytes.length));
    }

    @Override
    public byte[] tail(int n) {
      return Arrays.copyOfRange(bytes, Math.max(0, bytes.length - n), bytes.length);
    }
  }

  /** A document in a local file, read without loading it whole. */
  record File(Path path) implements DocumentSource {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public byte[] head(int n) throws IOException {
      try (InputStream in = Files.newInputStream(path)) {
        return in.readNBytes(n);
      }
    }

    @Override
    public byte[] tail(int n) throws IOException {
      try (var channel = Files.newByteChannel(path)) {
        long size = channel.size();
        channel.position(Math.max(0, size - n));
        byte[] out = new byte[(int) Math.min(n, size)];
        var buffer = java.nio.ByteBuffer.wrap(out);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
          // read until full or EOF
        }
        return out;
      }
    }
  }
}
