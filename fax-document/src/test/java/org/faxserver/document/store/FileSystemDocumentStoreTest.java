package org.faxserver.document.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemDocumentStoreTest {

  @TempDir
  Path root;

  private FileSystemDocumentStore store() throws IOException {
    return new FileSystemDocumentStore(root.resolve("documents"));
  }

  /** The directories the store forces to disk, in order. */
  private final List<Path> forced = new ArrayList<>();

  private FileSystemDocumentStore storeWatchingForces() throws IOException {
    return new FileSystemDocumentStore(root.resolve("documents"), forced::add);
  }

  @Test
  void storedDocumentCanBeOpenedFoundAndDeleted() throws IOException {
    FileSystemDocumentStore store = store();

    store.store("tenant-7/2026/11/job-1.tif", new byte[] {1, 2, 3});

    assertThat(store.exists("tenant-7/2026/11/job-1.tif")).isTrue();
    try (InputStream in = store.open("tenant-7/2026/11/job-1.tif")) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
    assertThat(store.path("tenant-7/2026/11/job-1.tif"))
        .contains(store.root().resolve("tenant-7/2026/11/job-1.tif"));
    assertThat(store.delete("tenant-7/2026/11/job-1.tif")).isTrue();
    assertThat(store.exists("tenant-7/2026/11/job-1.tif")).isFalse();
    assertThat(store.delete("tenant-7/2026/11/job-1.tif")).isFalse();
  }

  @Test
  void openingAMissingDocumentFailsWithNoSuchFile() throws IOException {
    FileSystemDocumentStore store = store();

    assertThatThrownBy(() -> store.open("nope.tif")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void storingAgainReplacesTheDocumentAndLeavesNoTemporaryFiles() throws IOException {
    FileSystemDocumentStore store = store();

    store.store("a/doc.pdf", new byte[] {1});
    store.store("a/doc.pdf", new ByteArrayInputStream(new byte[] {2, 2}));

    try (InputStream in = store.open("a/doc.pdf")) {
      assertThat(in.readAllBytes()).containsExactly(2, 2);
    }
    try (Stream<Path> files = Files.list(store.root().resolve("a"))) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("doc.pdf");
    }
  }

  @Test
  void failedWriteKeepsTheOldDocumentAndRemovesItsTemporaryFile() throws IOException {
    FileSystemDocumentStore store = store();
    store.store("a/doc.tif", new byte[] {7});
    // 1000 bytes, then a failure on every later read (InputStream's default bulk read swallows a
    // failure after the first byte, so both methods fail for good once the budget is spent).
    InputStream failing = new InputStream() {
      private int left = 1000;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          throw new IOException("client went away");
        }
        left--;
        return 0;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
          throw new IOException("client went away");
        }
        int n = Math.min(length, left);
        left -= n;
        return n;
      }
    };

    assertThatThrownBy(() -> store.store("a/doc.tif", failing)).hasMessage("client went away");

    try (InputStream in = store.open("a/doc.tif")) {
      assertThat(in.readAllBytes()).containsExactly(7);
    }
    try (Stream<Path> files = Files.list(store.root().resolve("a"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void directoriesAboveADocumentAreForcedToDiskOnlyUntilTheirEntriesAreKnownToBe() throws IOException {
    FileSystemDocumentStore store = storeWatchingForces();
    Path documents = store.root();

    store.store("jobs/2026/12/07/a.tif", new byte[] {1});
    assertThat(forced).as("the rename, then each new directory's entry up to the root").containsExactly(
        documents.resolve("jobs/2026/12/07"), documents.resolve("jobs/2026/12"), documents.resolve("jobs/2026"),
        documents.resolve("jobs"), documents);

    forced.clear();
    store.store("jobs/2026/12/07/b.tif", new byte[] {2});
    assertThat(forced).as("only the rename").containsExactly(documents.resolve("jobs/2026/12/07"));

    forced.clear();
    store.store("jobs/2026/12/08/c.tif", new byte[] {3});
    assertThat(forced).as("the new day's entry in a month already on disk").containsExactly(
        documents.resolve("jobs/2026/12/08"), documents.resolve("jobs/2026/12"));

    forced.clear();
    store.store("top.tif", new byte[] {4});
    assertThat(forced).containsExactly(documents);
  }

  @Test
  void aDirectoryRemovedByHandIsMadeAndForcedAgain() throws IOException {
    FileSystemDocumentStore store = storeWatchingForces();
    Path documents = store.root();
    store.store("jobs/2026/12/07/a.tif", new byte[] {1});
    store.delete("jobs/2026/12/07/a.tif");
    Files.delete(documents.resolve("jobs/2026/12/07"));
    Files.delete(documents.resolve("jobs/2026/12"));

    forced.clear();
    store.store("jobs/2026/12/07/b.tif", new byte[] {2});

    assertThat(store.exists("jobs/2026/12/07/b.tif")).isTrue();
    assertThat(forced).containsExactly(documents.resolve("jobs/2026/12/07"), documents.resolve("jobs/2026/12"),
        documents.resolve("jobs/2026"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/etc/passwd", "a/../../x", "a/./b", "", "a//b", "a/", ".hidden", "a\\..\\b",
      "C:/x", "a/b c", "a/%2e%2e/b"})
  void keysThatCouldLeaveTheRootOrAreMalformedAreRejected(String key) throws IOException {
    FileSystemDocumentStore store = store();

    assertThatThrownBy(() -> store.store(key, new byte[] {1}))
        .isInstanceOf(DocumentKeys.InvalidDocumentKeyException.class);
    assertThatThrownBy(() -> store.open(key)).isInstanceOf(DocumentKeys.InvalidDocumentKeyException.class);
    assertThatThrownBy(() -> store.path(key)).isInstanceOf(DocumentKeys.InvalidDocumentKeyException.class);
    assertThat(Files.exists(root.resolve("x"))).isFalse();
  }

  @Test
  void ordinaryServerKeysAreAccepted() {
    assertThat(DocumentKeys.requireValid("tenant-7/2026/11/3f2b9c1e-8d7a-4c1b-9e0f-1a2b3c4d5e6f.tif"))
        .isEqualTo("tenant-7/2026/11/3f2b9c1e-8d7a-4c1b-9e0f-1a2b3c4d5e6f.tif");
    assertThat(DocumentKeys.requireValid("received/fax_1.tiff")).isEqualTo("received/fax_1.tiff");
  }
}
