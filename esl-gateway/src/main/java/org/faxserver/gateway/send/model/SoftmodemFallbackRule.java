package org.faxserver.gateway.send.model;

import java.util.Objects;
import org.faxserver.model.fax.FaxResult;

/**
 * gofaxip's softmodem fallback rule: a failed fax that needed more than one negotiation (retraining)
 * or had any bad rows points at a line or gateway that mangles T.38 or audio, so the remote number
 * goes on the fallback list and later calls to it run with T.38 off. The seed learned this whether or
 * not T.38 was used on the failed call; so do we, to keep the list's meaning.
 */
public final class SoftmodemFallbackRule {

  private final boolean enabled;

  /** @param enabled the seed's {@code softmodem_fallback} switch; when off nothing is ever learned */
  public SoftmodemFallbackRule(boolean enabled) {
    this.enabled = enabled;
  }

  /** Whether the result of a call to a number puts that number on the fallback list. */
  public Verdict judge(FaxResult result) {
    Objects.requireNonNull(result, "result");
    if (!enabled || result.success()) {
      return Verdict.KEEP;
    }
    if (result.negotiationCount() > 1) {
      return Verdict.learn("failed after " + result.negotiationCount() + " negotiations");
    }
    if (result.badRows() > 0) {
      return Verdict.learn("failed with " + result.badRows() + " bad rows");
    }
    return Verdict.KEEP;
  }

  /**
   * The rule's answer.
   *
   * @param learn  whether to put the number on the fallback list
   * @param reason why (null when not learning)
   */
  public record Verdict(boolean learn, String reason) {
    static final Verdict KEEP = new Verdict(false, null);

    static Verdict learn(String reason) {
      return new Verdict(true, reason);
    }
  }
}
