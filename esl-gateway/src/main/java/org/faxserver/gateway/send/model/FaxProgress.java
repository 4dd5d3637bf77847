package org.faxserver.gateway.send.model;

import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.attempt.ProgressStage;

/**
 * A step of a running fax call worth telling others about, as {@link FaxResultFold} saw it.
 *
 * @param stage            what just happened
 * @param negotiation      the phase B outcome once known, else null
 * @param pagesTransferred pages completed so far
 * @param pagesTotal       pages in the document, null while unknown (phase B reports 0)
 */
public record FaxProgress(ProgressStage stage, Negotiation negotiation, int pagesTransferred, Integer pagesTotal) {}
