package org.faxserver.gateway.send.model;

import java.time.Duration;
import java.util.Objects;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.T38Policy;

/**
 * Turns an {@link OriginateFax} into the dial string. fax-queue decides T.38/ECM/V.17 and puts them
 * in the command (decision 0004); this node adds only what its own FreeSWITCH's mod_db says: a
 * fallback-list hit forces T.38 off. The overrides are applied last and win, as in the seed: the ones
 * fax-queue stored (carried in the command, so they apply even before this node's mod_db has them), then
 * mod_db's, which win over those (fs_cli edits are the seed's way of setting them).
 */
public final class OriginatePlanner {

  /** Channel variable carrying the job id, so a restarted gateway can report a call it lost. */
  public static final String JOB_ID_VARIABLE = "faxserver_job_id";

  private final Settings settings;

  /**
   * Node-wide settings.
   *
   * @param originateTimeout how long FreeSWITCH lets the call ring ({@code originate_timeout})
   * @param faxVerbose       spandsp protocol logging ({@code fax_verbose})
   */
  public record Settings(Duration originateTimeout, boolean faxVerbose) {
    public Settings {
      Objects.requireNonNull(originateTimeout, "originateTimeout");
      if (originateTimeout.toSeconds() < 1) {
        throw new IllegalArgumentException("originateTimeout must be at least 1 s");
      }
    }
  }

  public OriginatePlanner(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The number as dialled and as mod_db keys it: E.164 digits without the '+', the form the seed's
   * fallback and override entries use.
   */
  public static String dialledNumber(PhoneNumber number) {
    return number.digits();
  }

  /** The dial string for the command, sending {@code freeswitchFile}. */
  public DialString plan(OriginateFax cmd, String freeswitchFile, DestinationSettings destination) {
    FaxSettings fax = cmd.fax();
    T38Policy t38 = destination.fallback() ? T38Policy.OFF : fax.t38();
    return DialString.forAttempt(cmd.attemptId())
        .faxIdent(fax.ident())
        .faxHeader(fax.header())
        .useEcm(fax.ecm())
        .disableV17(fax.v17Disabled())
        .t38(t38 != T38Policy.OFF, t38 == T38Policy.REQUEST)
        .ignoreEarlyMedia()
        .callerIdNumber(cmd.callerIdNumber() == null ? null : dialledNumber(cmd.callerIdNumber()))
        .callerIdName(cmd.callerIdName())
        .originateTimeoutSeconds(settings.originateTimeout().toSeconds())
        .faxVerbose(settings.faxVerbose())
        .variable(JOB_ID_VARIABLE, cmd.jobId().toString())
        .overrides(cmd.overrides())
        .overrides(destination.overrides())
        .target(cmd.gateway(), dialledNumber(cmd.destination()), freeswitchFile)
        .build();
  }
}
