package org.faxserver.gateway.send.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faxserver.esl.EslEvent;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.PageResult;
import org.faxserver.model.fax.T38Status;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fold over every real send capture (FreeSWITCH 1.10.12, spandsp 3). */
class FaxResultFoldTest {

  @Nested
  class SuccessfulFaxes {

    @Test
    void t38FaxIsCompletedWithEveryFieldFromTheSpandspEvents() {
      CapturedSend capture = CapturedSend.load("send-t38");
      CapturedSend.Replay replay = capture.replay();

      assertThat(replay.fold().isCallOver()).isTrue();
      CallOutcome outcome = replay.fold().outcome(null);
      assertThat(outcome.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
      assertThat(outcome.detail()).isNull();
      assertThat(outcome.answeredAt()).isEqualTo(timeOf(capture, "CHANNEL_ANSWER"));
      FaxResult r = outcome.result();
      assertThat(r.success()).isTrue();
      assertThat(r.resultCode()).isZero();
      assertThat(r.resultText()).isEqualTo("OK");
      assertThat(r.pagesTransferred()).isEqualTo(2);
      assertThat(r.pagesTotal()).isEqualTo(2);
      assertThat(r.hangupCause()).isEqualTo(HangupCause.NORMAL_CLEARING);
      assertThat(r.remoteStationId()).isEqualTo("+15550200");
      assertThat(r.localStationId()).isEqualTo("+15550100");
      assertThat(r.transferRate()).isEqualTo(14400);
      assertThat(r.ecmUsed()).isTrue();
      assertThat(r.t38Status()).isEqualTo(T38Status.NEGOTIATED);
      assertThat(r.badRows()).isZero();
      assertThat(r.negotiationCount()).isEqualTo(1);
      assertThat(r.pages()).containsExactly(
          new PageResult(1, 0, 0, "T.85(L0)", "8040x7700", "1728x2292", 21035),
          new PageResult(2, 0, 0, "T.85(L0)", "8040x7700", "1728x2292", 21105));
    }

    @Test
    void t38FaxReportsAnswerNegotiationAndEachPage() {
      List<FaxProgress> progress = CapturedSend.load("send-t38").replay().progress();

      assertThat(progress).extracting(FaxProgress::stage).containsExactly(ProgressStage.ANSWERED,
          ProgressStage.NEGOTIATED, ProgressStage.PAGE_TRANSFERRED, ProgressStage.PAGE_TRANSFERRED);
      FaxProgress negotiated = progress.get(1);
      assertThat(negotiated.negotiation().transferRate()).isEqualTo(14400);
      assertThat(negotiated.negotiation().ecmUsed()).isTrue();
      assertThat(negotiated.negotiation().t38Status()).isEqualTo(T38Status.NEGOTIATED);
      assertThat(negotiated.negotiation().remoteStationId()).isEqualTo("+15550200");
      // phase B reports 0 total pages (capture note 7): unknown, not zero
      assertThat(negotiated.pagesTotal()).isNull();
      assertThat(progress.get(2).pagesTransferred()).isEqualTo(1);
      assertThat(progress.get(2).pagesTotal()).isEqualTo(2);
      assertThat(progress.get(3).pagesTransferred()).isEqualTo(2);
    }

    @Test
    void g711FaxReportsT38Off() {
      FaxResult r = CapturedSend.load("send-g711").replay().fold().outcome(null).result();

      assertThat(r.success()).isTrue();
      assertThat(r.t38Status()).isEqualTo(T38Status.OFF);
      assertThat(r.pagesTransferred()).isEqualTo(2);
      assertThat(r.transferRate()).isEqualTo(14400);
    }

    @Test
    void filteredConnectionWithoutBackgroundJobStillSeesTheAnswerAndTheResult() {
      CapturedSend capture = CapturedSend.load("send-filtered");
      assertThat(capture.events).noneMatch(e -> e.is("BACKGROUND_JOB"));

      CapturedSend.Replay replay = capture.replay();

      assertThat(replay.progress()).first().extracting(FaxProgress::stage).isEqualTo(ProgressStage.ANSWERED);
      CallOutcome outcome = replay.fold().outcome(null);
      assertThat(outcome.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
      assertThat(outcome.result().success()).isTrue();
      assertThat(outcome.result().pagesTransferred()).isEqualTo(2);
    }

    @Test
    void hangupBeforeTxfaxresultIsNotTheEndOfTheFax() {
      CapturedSend capture = CapturedSend.load("send-t38");
      FaxResultFold fold = new FaxResultFold();
      for (EslEvent e : callEvents(capture)) {
        fold.apply(e::header, CapturedSend.eventTime(e));
        if (e.is("CHANNEL_HANGUP")) {
          break;
        }
      }

      assertThat(fold.isCallOver()).isFalse();
      assertThat(fold.faxEndedAt()).isNull();
      assertThat(fold.result().success()).isFalse();
    }

    @Test
    void withoutTheSpandspResultTheChannelVariablesDecide() {
      CapturedSend capture = CapturedSend.load("send-t38");
      FaxResultFold fold = new FaxResultFold();
      for (EslEvent e : callEvents(capture)) {
        if (!"spandsp::txfaxresult".equals(e.subclass())) {
          fold.apply(e::header, CapturedSend.eventTime(e));
        }
      }

      CallOutcome outcome = fold.outcome(null);
      assertThat(outcome.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
      assertThat(outcome.result().success()).isTrue();
      assertThat(outcome.result().resultCode()).isZero();
      assertThat(outcome.result().pagesTransferred()).isEqualTo(2);
      assertThat(outcome.result().remoteStationId()).isEqualTo("+15550200");
    }

    @Test
    void successStaysASuccessWhenWeHadToKillACallThatNeverHungUp() {
      CapturedSend capture = CapturedSend.load("send-t38");
      FaxResultFold fold = new FaxResultFold();
      for (EslEvent e : callEvents(capture)) {
        fold.apply(e::header, CapturedSend.eventTime(e));
        if (e.is("CHANNEL_EXECUTE_COMPLETE")) {
          break; // the far end never hangs up: nothing after txfax returned
        }
      }
      assertThat(fold.faxEndedAt()).isNotNull();

      CallOutcome outcome = fold.outcome(Termination.watchdog("no hangup 30s after txfax finished"));

      assertThat(outcome.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
      assertThat(outcome.result().success()).isTrue();
      assertThat(outcome.detail()).contains("no hangup");
    }
  }

  @Nested
  class FailedCalls {

    @Test
    void busyIsAFailedOriginateWithItsCause() {
      CallOutcome outcome = CapturedSend.load("send-busy").replay().fold().outcome(null);

      assertThat(outcome.end()).isEqualTo(AttemptEnd.ORIGINATE_FAILED);
      assertThat(outcome.result().hangupCause()).isEqualTo(HangupCause.USER_BUSY);
      assertThat(outcome.result().faxStarted()).isFalse();
      assertThat(outcome.answeredAt()).isNull();
    }

    @Test
    void busyCallIsOverAtHangupCompleteBeforeTheBackgroundJob() {
      CapturedSend capture = CapturedSend.load("send-busy");
      FaxResultFold fold = new FaxResultFold();
      for (EslEvent e : callEvents(capture)) {
        fold.apply(e::header, CapturedSend.eventTime(e));
        if (e.is("CHANNEL_HANGUP_COMPLETE")) {
          break;
        }
      }

      assertThat(fold.isCallOver()).isTrue();
      assertThat(fold.outcome(null).result().hangupCause()).isEqualTo(HangupCause.USER_BUSY);
    }

    @Test
    void unallocatedNumberIsAFailedOriginate() {
      CapturedSend.Replay replay = CapturedSend.load("send-unallocated").replay();

      assertThat(replay.progress()).isEmpty();
      CallOutcome outcome = replay.fold().outcome(null);
      assertThat(outcome.end()).isEqualTo(AttemptEnd.ORIGINATE_FAILED);
      assertThat(outcome.result().hangupCause()).isEqualTo(HangupCause.UNALLOCATED_NUMBER);
      assertThat(outcome.detail()).isEqualTo("originate failed: UNALLOCATED_NUMBER");
    }

    @Test
    void originateErrorWithoutAnyChannelEventEndsTheCall() {
      FaxResultFold fold = new FaxResultFold();

      fold.originateFailed(HangupCause.INVALID_GATEWAY);

      assertThat(fold.isCallOver()).isTrue();
      assertThat(fold.outcome(null).end()).isEqualTo(AttemptEnd.ORIGINATE_FAILED);
      assertThat(fold.outcome(null).result().hangupCause()).isEqualTo(HangupCause.INVALID_GATEWAY);
    }

    @Test
    void missingFileIsAnEarlyErrorWithTheApplicationResponse() {
      CallOutcome outcome = CapturedSend.load("send-missing-file").replay().fold().outcome(null);

      assertThat(outcome.end()).isEqualTo(AttemptEnd.EARLY_ERROR);
      assertThat(outcome.detail()).isEqualTo("Cannot send non-existant fax file");
      assertThat(outcome.result().success()).isFalse();
      assertThat(outcome.result().resultCode()).isNull();
      assertThat(outcome.result().resultText()).isEqualTo("Cannot send non-existant fax file");
      assertThat(outcome.result().hangupCause()).isEqualTo(HangupCause.NORMAL_CLEARING);
      assertThat(outcome.answeredAt()).isNotNull();
    }

    @Test
    void hangupMidFaxIsACompletedFaxThatFailedWithCode49() {
      CapturedSend.Replay replay = CapturedSend.load("send-hangup-midfax").replay();

      CallOutcome outcome = replay.fold().outcome(null);
      assertThat(outcome.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
      FaxResult r = outcome.result();
      assertThat(r.success()).isFalse();
      assertThat(r.resultCode()).isEqualTo(49);
      assertThat(r.resultText()).isEqualTo("The call dropped prematurely");
      assertThat(r.pagesTransferred()).isEqualTo(1);
      assertThat(r.pagesTotal()).isEqualTo(2);
      assertThat(r.pages()).extracting(PageResult::page).containsExactly(1);
      assertThat(replay.progress()).extracting(FaxProgress::stage).containsExactly(ProgressStage.ANSWERED,
          ProgressStage.NEGOTIATED, ProgressStage.PAGE_TRANSFERRED);
    }

    @Test
    void hangupMidFaxCausedByOurWatchdogIsAWatchdogEndKeepingTheFaxResult() {
      CallOutcome outcome = CapturedSend.load("send-hangup-midfax").replay().fold()
          .outcome(Termination.watchdog("no page within PT5M"));

      assertThat(outcome.end()).isEqualTo(AttemptEnd.WATCHDOG);
      assertThat(outcome.detail()).isEqualTo("no page within PT5M");
      assertThat(outcome.result().resultCode()).isEqualTo(49);
      assertThat(outcome.result().pagesTransferred()).isEqualTo(1);
    }

    @Test
    void callKilledOnRequestIsDropped() {
      CallOutcome outcome = CapturedSend.load("send-hangup-midfax").replay().fold()
          .outcome(Termination.requested("call.kill"));

      assertThat(outcome.end()).isEqualTo(AttemptEnd.CALL_DROPPED);
      assertThat(outcome.result().success()).isFalse();
    }

    @Test
    void unparsableNumbersAreIgnored() {
      FaxResultFold fold = new FaxResultFold();
      fold.apply(headers("Event-Name", "CHANNEL_ANSWER"), java.time.Instant.EPOCH);
      fold.apply(headers("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::txfaxpageresult",
          "fax-document-transferred-pages", "one", "fax-bad-rows", "x"), java.time.Instant.EPOCH);
      fold.apply(headers("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::txfaxresult", "fax-success", "0",
          "fax-result-code", "??", "fax-transfer-rate", ""), java.time.Instant.EPOCH);

      FaxResult r = fold.outcome(null).result();
      assertThat(r.success()).isFalse();
      assertThat(r.resultCode()).isNull();
      assertThat(r.pages()).isEmpty();
      assertThat(r.transferRate()).isNull();
    }
  }

  /** The A-leg events of a capture (what the gateway routes to the call). */
  static List<EslEvent> callEvents(CapturedSend capture) {
    return capture.events.stream().filter(e -> capture.attemptId.toString().equals(e.uniqueId())).toList();
  }

  static java.time.Instant timeOf(CapturedSend capture, String eventName) {
    return callEvents(capture).stream().filter(e -> e.is(eventName)).findFirst().map(CapturedSend::eventTime)
        .orElseThrow();
  }

  /** A hand-made event from name/value pairs. */
  static ChannelEvent headers(String... pairs) {
    java.util.Map<String, String> m = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m::get;
  }
}
