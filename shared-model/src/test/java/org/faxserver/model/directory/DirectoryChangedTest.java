package org.faxserver.model.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DirectoryChangedTest {

  @Test
  void reloadAllConcernsEveryEntityWithoutId() {
    DirectoryChanged reload = DirectoryChanged.reloadAll();

    assertThat(reload.entity()).isEqualTo(DirectoryEntity.ALL);
    assertThat(reload.entityId()).isNull();
    assertThat(reload.change()).isEqualTo(ChangeKind.RELOAD);
  }

  @Test
  void factoriesNameTheChange() {
    assertThat(DirectoryChanged.created(DirectoryEntity.TENANT, "t-1").change()).isEqualTo(ChangeKind.CREATED);
    assertThat(DirectoryChanged.updated(DirectoryEntity.USER, "u-1").change()).isEqualTo(ChangeKind.UPDATED);
    assertThat(DirectoryChanged.deleted(DirectoryEntity.ENDPOINT, "e-1").change()).isEqualTo(ChangeKind.DELETED);
  }

  @Test
  void aSingleEntityNeedsItsId() {
    assertThatThrownBy(() -> DirectoryChanged.deleted(DirectoryEntity.NUMBER, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUMBER");
    assertThatThrownBy(() -> DirectoryChanged.updated(DirectoryEntity.TENANT, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void typeIsTheRoutingKey() {
    assertThat(DirectoryChanged.TYPE).isEqualTo("directory.changed");
    assertThat(DirectoryChanged.VERSION).isEqualTo(1);
  }
}
