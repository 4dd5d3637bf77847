package org.faxserver.gateway.receive.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;

/**
 * The applications that answer an accepted call and receive the fax, in the seed's order:
 * {@code set fax_enable_t38}, {@code set fax_enable_t38_request}, ({@code ring_ready},
 * {@code sleep <answer_after>}), {@code answer}, ({@code playback silence_stream://<wait_time>}),
 * {@code set fax_ident}, {@code rxfax <file>} with event-lock, {@code hangup}.
 *
 * <ul>
 *   <li>T.38 follows the decision's policy (the source gateway's, else the router's default); a
 *       caller or recipient on the softmodem fallback list turns it off;
 *   <li>the CSI is the decision's ident (the number's), else the configured default, else the
 *       recipient's number. Values are sent as {@code set name=value}; line breaks are dropped.
 * </ul>
 */
public final class ReceivePlanner {

  private final ReceiveSettings settings;

  public ReceivePlanner(ReceiveSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param decision       the accepted decision
   * @param onFallbackList the caller or the recipient is on the softmodem fallback list
   * @param file           where rxfax writes the TIFF, as FreeSWITCH sees it
   */
  public List<ReceiveStep> steps(InboundRouteDecision decision, boolean onFallbackList, String file) {
    if (!decision.accepted()) {
      throw new IllegalArgumentException("a rejected call is not received");
    }
    T38Policy t38 = onFallbackList ? T38Policy.OFF : decision.t38();
    List<ReceiveStep> steps = new ArrayList<>();
    // Every step with event-lock, as the seed and FreeSWITCH's own captures do: without it, sleep and
    // playback run the messages queued behind them at once (answer before answer_after, rxfax during
    // the silence). Only the final hangup is sent unlocked.
    steps.add(ReceiveStep.locked("set", "fax_enable_t38=" + (t38 != T38Policy.OFF)));
    steps.add(ReceiveStep.locked("set", "fax_enable_t38_request=" + (t38 == T38Policy.REQUEST)));
    if (!settings.answerAfter().isZero()) {
      steps.add(ReceiveStep.locked("ring_ready", ""));
      steps.add(ReceiveStep.locked("sleep", Long.toString(settings.answerAfter().toMillis())));
    }
    steps.add(ReceiveStep.locked("answer", ""));
    if (!settings.waitTime().isZero()) {
      steps.add(ReceiveStep.locked("playback", "silence_stream://" + settings.waitTime().toMillis()));
    }
    steps.add(ReceiveStep.locked("set", "fax_ident=" + ident(decision)));
    steps.add(ReceiveStep.locked("rxfax", file));
    steps.add(ReceiveStep.of("hangup", ""));
    return List.copyOf(steps);
  }

  /** The CSI to present: the number's, else the configured default, else the recipient's number. */
  public String ident(InboundRouteDecision decision) {
    String ident = clean(decision.ident());
    if (ident.isEmpty()) {
      ident = clean(settings.defaultIdent());
    }
    return ident.isEmpty() ? decision.recipient().e164() : ident;
  }

  private static String clean(String value) {
    return value == null ? "" : value.replaceAll("[\\r\\n]", " ").strip();
  }
}
