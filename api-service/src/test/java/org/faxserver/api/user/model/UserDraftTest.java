package org.faxserver.api.user.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faxserver.api.shared.model.InvalidInputException;
import org.junit.jupiter.api.Test;

class UserDraftTest {
    @Test
    void createNeedsAPasswordUpdateDoesNot() {
        assertThatThrownBy(() -> UserDraft.forCreate(1L, "alice", null)).isInstanceOf(InvalidInputException.class);
        assertThat(UserDraft.forUpdate(1L, "alice", null).password()).isNull();
    }

    @Test
    void passwordsBcryptWouldTruncateAreRefused() {
        // 36 two-byte characters = 72 bytes is the most bcrypt reads; one more would be silently ignored.
        assertThat(UserDraft.passwordProblem("é".repeat(36))).isNull();
        assertThat(UserDraft.passwordProblem("é".repeat(37))).contains("72 bytes");
        assertThat(UserDraft.passwordProblem("short")).contains("at least");
    }

    @Test
    void usernamesAreRestrictedToASafeAlphabet() {
        assertThat(UserDraft.forCreate(1L, "fax.user@acme-1", "password1").username()).isEqualTo("fax.user@acme-1");
        assertThatThrownBy(() -> UserDraft.forCreate(1L, "al:ice", "password1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> UserDraft.forCreate(1L, "ab", "password1")).isInstanceOf(InvalidInputException.class);
    }
}
