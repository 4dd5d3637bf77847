package org.faxserver.model.attempt;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxSettings;

/**
 * Command (queue → any esl-gateway, one shared work queue): send a fax through a gateway.
 *
 * @param attemptId      our id for this attempt, used as FreeSWITCH {@code origination_uuid} so every
 *                       event of the call can be tied back to it
 * @param jobId          the job the attempt belongs to
 * @param attemptNumber  1-based attempt number within the job
 * @param gateway        the sofia gateway name to dial through
 * @param destination    the number to dial
 * @param callerIdNumber caller id to present; may be null
 * @param callerIdName   caller id name to present; may be null
 * @param document       the TIFF-F to send
 * @param fax            T.38/ECM/V.17/ident/header for this call
 * @param deadline       the call must be over by then; esl-gateway kills it otherwise
 * @param overrides      channel variables to set on the dial string after the fax settings, so they
 *                       win (the per-destination overrides fax-queue stores); empty for none
 */
public record OriginateFax(
    UUID attemptId,
    UUID jobId,
    int attemptNumber,
    String gateway,
    PhoneNumber destination,
    PhoneNumber callerIdNumber,
    String callerIdName,
    DocumentRef document,
    FaxSettings fax,
    Instant deadline,
    Map<String, String> overrides) {

  public static final String TYPE = "fax.originate";
  public static final int VERSION = 1;

  public OriginateFax {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(deadline, "deadline");
    fax = fax == null ? FaxSettings.defaults() : fax;
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    if (gateway == null || gateway.isBlank()) {
      throw new IllegalArgumentException("gateway is required");
    }
    if (attemptNumber < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, was " + attemptNumber);
    }
  }

  /** An originate without dial-string overrides (the form before {@code overrides} was added). */
  public OriginateFax(
      UUID attemptId,
      UUID jobId,
      int attemptNumber,
      String gateway,
      PhoneNumber destination,
      PhoneNumber callerIdNumber,
      String callerIdName,
      DocumentRef document,
      FaxSettings fax,
      Instant deadline) {
    this(attemptId, jobId, attemptNumber, gateway, destination, callerIdNumber, callerIdName, document,
        fax, deadline, Map.of());
  }
}
