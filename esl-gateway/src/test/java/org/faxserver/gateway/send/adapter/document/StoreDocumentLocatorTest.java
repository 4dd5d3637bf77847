package org.faxserver.gateway.send.adapter.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.faxserver.model.DocumentRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDocumentLocatorTest {

  @TempDir
  Path root;

  @Test
  void existingDocumentIsNamedUnderFreeswitchsRoot() throws Exception {
    FileSystemDocumentStore store = new FileSystemDocumentStore(root);
    store.store("t1/2026/doc.tif", new byte[] {1, 2, 3});

    StoreDocumentLocator locator = new StoreDocumentLocator(store, Path.of("/var/spool/fax/docs"));

    assertThat(locator.freeswitchPath(DocumentRef.tiff("t1/2026/doc.tif"))).contains("/var/spool/fax/docs/t1/2026/doc.tif");
  }

  @Test
  void withoutASeparateRootFreeswitchGetsTheStoresOwnPath() throws Exception {
    FileSystemDocumentStore store = new FileSystemDocumentStore(root);
    store.store("t1/doc.tif", new byte[] {1});

    assertThat(new StoreDocumentLocator(store, null).freeswitchPath(DocumentRef.tiff("t1/doc.tif")))
        .contains(root.toRealPath().resolve("t1/doc.tif").toString());
  }

  @Test
  void missingDocumentIsNotFound() throws Exception {
    StoreDocumentLocator locator = new StoreDocumentLocator(new FileSystemDocumentStore(root), null);

    assertThat(locator.freeswitchPath(DocumentRef.tiff("t1/none.tif"))).isEmpty();
  }

  @Test
  void keysLeavingTheStoreAreRefusedEvenIfTheFileExists() throws Exception {
    Path outside = Files.writeString(root.resolveSibling(root.getFileName() + "-secret.txt"), "x");
    StoreDocumentLocator locator = new StoreDocumentLocator(new FileSystemDocumentStore(root), null);

    assertThat(locator.freeswitchPath(DocumentRef.tiff("../" + outside.getFileName()))).isEmpty();
    assertThat(locator.freeswitchPath(DocumentRef.tiff(outside.toString()))).isEmpty();
  }
}
