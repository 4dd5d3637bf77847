package org.faxserver.queue.attempt.model;

import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.JobOptions;

/**
 * The fax parameters of the next call: the configured T.38 baseline ({@code enable_t38} /
 * {@code request_t38}), T.38 off for numbers on the softmodem fallback list, ECM on unless
 * {@code disable_ecm_after_retry} says otherwise, V.17 unless {@code disable_v17_after_retry} says
 * otherwise, and the job's own ident and header.
 */
public record FaxSettingsPolicy(
    T38Policy baseline, DisableV17AfterRetryRule v17Rule, DisableEcmAfterRetryRule ecmRule) {

  /**
   * @param options           the job's header/ident
   * @param priorNegotiations phase B runs of the job's earlier calls
   * @param softmodemFallback the destination is on the fallback list (and the feature is on)
   */
  public FaxSettings settingsFor(JobOptions options, int priorNegotiations, boolean softmodemFallback) {
    return new FaxSettings(
        softmodemFallback ? T38Policy.OFF : baseline,
        !ecmRule.disablesEcm(priorNegotiations),
        v17Rule.disablesV17(priorNegotiations),
        options.ident(),
        options.header());
  }
}
