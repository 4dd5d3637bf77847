package org.faxserver.model.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.fax.T38Status;
import org.junit.jupiter.api.Test;

class AttemptMessagesTest {

  private static final FaxResult OK =
      new FaxResult(true, 0, "OK", 1, 1, HangupCause.NORMAL_CLEARING, null, null, 9600, false,
          T38Status.OFF, 0, 1, List.of());

  @Test
  void onlyACompletedFaxCanSucceed() {
    assertThatThrownBy(
            () -> new AttemptFinished(UUID.randomUUID(), UUID.randomUUID(), "gw", AttemptEnd.WATCHDOG,
                OK, Instant.EPOCH, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void originateWithoutSettingsUsesDefaults() {
    OriginateFax command =
        new OriginateFax(UUID.randomUUID(), UUID.randomUUID(), 1, "gw",
            PhoneNumber.ofE164("+442079460958"), null, null, DocumentRef.tiff("d.tif"), null,
            Instant.EPOCH);

    assertThat(command.fax()).isEqualTo(FaxSettings.defaults());
  }

  @Test
  void originateNeedsAGateway() {
    assertThatThrownBy(
            () -> new OriginateFax(UUID.randomUUID(), UUID.randomUUID(), 1, " ",
                PhoneNumber.ofE164("+442079460958"), null, null, DocumentRef.tiff("d.tif"), null,
                Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsDegradeOneAspectAtATime() {
    FaxSettings degraded = FaxSettings.defaults().withT38(T38Policy.OFF).withEcm(false).withV17Disabled(true);

    assertThat(degraded).isEqualTo(new FaxSettings(T38Policy.OFF, false, true, null, null));
    assertThat(degraded.withIdent("ID").withHeader("H"))
        .isEqualTo(new FaxSettings(T38Policy.OFF, false, true, "ID", "H"));
  }
}
