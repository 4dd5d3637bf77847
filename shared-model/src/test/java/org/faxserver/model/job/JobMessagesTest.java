package org.faxserver.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.junit.jupiter.api.Test;

class JobMessagesTest {

  private static final PhoneNumber FROM = PhoneNumber.ofE164("+15551234567");
  private static final PhoneNumber TO = PhoneNumber.ofE164("+442079460958");
  private static final DocumentRef DOC = DocumentRef.tiff("doc.tif");
  private static final EndpointRef A = EndpointRef.gateway("1", "carrier-a");
  private static final EndpointRef B = EndpointRef.gateway("2", "carrier-b");
  private static final EndpointRef HOOK = EndpointRef.webhook("3", "https://example.com/hook");

  @Test
  void planListsEndpointsInTryOrder() {
    DeliveryPlan plan = DeliveryPlan.of(PriorityGroup.of(1, A, B), PriorityGroup.of(2, HOOK));

    assertThat(plan.endpointsInOrder()).containsExactly(A, B, HOOK);
    assertThat(plan.isEmpty()).isFalse();
    assertThat(DeliveryPlan.none().isEmpty()).isTrue();
  }

  @Test
  void priorityGroupIsNeverEmpty() {
    assertThatThrownBy(() -> new PriorityGroup(1, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void routedJobKeepsEverythingTheSubmissionSaid() {
    JobSubmitted submitted =
        new JobSubmitted(UUID.randomUUID(), "t-1", "u-1", FROM, TO, DOC, 3, JobOptions.none());
    DeliveryPlan plan = DeliveryPlan.of(PriorityGroup.of(1, A));

    JobRouted routed = JobRouted.of(submitted, plan);

    assertThat(routed.jobId()).isEqualTo(submitted.jobId());
    assertThat(routed.origin()).isEqualTo(JobOrigin.API);
    assertThat(routed)
        .extracting(JobRouted::tenantId, JobRouted::submittedBy, JobRouted::from, JobRouted::to,
            JobRouted::document, JobRouted::pages, JobRouted::options, JobRouted::plan)
        .containsExactly("t-1", "u-1", FROM, TO, DOC, 3, JobOptions.none(), plan);
  }

  @Test
  void rejectedJobCarriesItsReasonAndAnEmptyPlan() {
    JobSubmitted submitted =
        new JobSubmitted(UUID.randomUUID(), "t-1", "u-1", FROM, TO, DOC, 3, JobOptions.none());

    JobRouted routed = JobRouted.rejected(submitted, "no route");

    assertThat(routed.isRejected()).isTrue();
    assertThat(routed.rejection()).isEqualTo("no route");
    assertThat(routed.plan().isEmpty()).isTrue();
    assertThat(JobRouted.of(submitted, DeliveryPlan.of(PriorityGroup.of(1, A))).isRejected()).isFalse();
  }

  @Test
  void rejectedJobCannotAlsoHaveAPlan() {
    assertThatThrownBy(
            () -> new JobRouted(UUID.randomUUID(), "t-1", JobOrigin.API, null, FROM, TO, DOC, 1, null,
                DeliveryPlan.of(PriorityGroup.of(1, A)), "spoofed caller id"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void submissionNeedsAtLeastOnePage() {
    assertThatThrownBy(
            () -> new JobSubmitted(UUID.randomUUID(), "t-1", null, FROM, TO, DOC, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inboundRelayMayComeFromAnAnonymousCaller() {
    JobRouted relay =
        new JobRouted(UUID.randomUUID(), "t-1", JobOrigin.INBOUND, null, null, TO, DOC, 1, null, null);

    assertThat(relay.plan().isEmpty()).isTrue();
    assertThat(relay.options()).isEqualTo(JobOptions.none());
  }

  @Test
  void apiJobNeedsASender() {
    assertThatThrownBy(
            () -> new JobRouted(UUID.randomUUID(), "t-1", JobOrigin.API, null, null, TO, DOC, 1, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void completedJobNeedsAFinalStatus() {
    assertThatThrownBy(
            () -> new JobCompleted(UUID.randomUUID(), "t-1", JobOrigin.API, null, FROM, TO, 1,
                JobStatus.WAITING_RETRY, null, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlySucceededFailedAndCancelledAreFinal() {
    assertThat(JobStatus.values())
        .filteredOn(JobStatus::isFinal)
        .containsExactlyInAnyOrder(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
  }
}
