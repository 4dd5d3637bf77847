package org.faxserver.router.inbound.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN_ID;
import static org.faxserver.router.fixtures.DirectoryFixtures.EXTERNAL;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.aGateway;
import static org.faxserver.router.fixtures.DirectoryFixtures.aWebhook;
import static org.faxserver.router.fixtures.DirectoryFixtures.anEmail;
import static org.faxserver.router.fixtures.DirectoryFixtures.directoryWith;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.routing.model.DeliveryPlanner;
import org.junit.jupiter.api.Test;

class ReceivedFaxPlannerTest {

  private static final UUID CALL = UUID.fromString("c51e2f70-1a2b-4c3d-8e9f-0a1b2c3d4e41");
  private static final DocumentRef DOC = DocumentRef.tiff("inbound/2026/12/05/" + CALL + ".tif");

  private final Directory directory = directoryWith(
      aGateway("1", "carrier-a").global().priority(10).allowing("203.0.113.0/24").build(),
      aGateway("2", "carrier-b").global().priority(20).build(),
      aGateway("3", "acme-pbx").forTenant(ACME).priority(1).allowing("10.0.0.12").build(),
      aWebhook("4", "https://acme.example/fax").forNumber(ACME, ACME_MAIN_ID).priority(5).build(),
      anEmail("5", "fax@acme.example").forNumber(ACME, ACME_MAIN_ID).priority(1).lastResort().build(),
      aGateway("6", "acme-old").forTenant(ACME).priority(0).disabled().build());

  private final ReceivedFaxPlanner planner = new ReceivedFaxPlanner(new DeliveryPlanner());

  private static FaxResult received(int pages) {
    return new FaxResult(true, 0, "OK", pages, pages, HangupCause.NORMAL_CLEARING, "REMOTE CSID", "ACME FAX",
        14400, true, T38Status.OFF, 0, 1, List.of());
  }

  private static InboundReceived fax(String tenant, PhoneNumber caller, PhoneNumber callee) {
    return new InboundReceived(CALL, tenant, caller, callee, "carrier-a", DOC, received(2), Instant.EPOCH);
  }

  @Test
  void faxForANumberGoesToTheNumbersEndpointsWithLastResortLast() {
    JobRouted job = planner.plan(directory, fax(ACME, EXTERNAL, ACME_MAIN)).orElseThrow();

    assertThat(job.origin()).isEqualTo(JobOrigin.INBOUND);
    assertThat(job.isRejected()).isFalse();
    assertThat(job.plan().endpointsInOrder()).containsExactly(
        EndpointRef.webhook("4", "https://acme.example/fax"), EndpointRef.email("5", "fax@acme.example"));
    assertThat(job.tenantId()).isEqualTo(ACME);
    assertThat(job.from()).isEqualTo(EXTERNAL);
    assertThat(job.to()).isEqualTo(ACME_MAIN);
    assertThat(job.document()).isEqualTo(DOC);
    assertThat(job.pages()).isEqualTo(2);
    assertThat(job.submittedBy()).isNull();
    assertThat(job.options().labels()).containsEntry(ReceivedFaxPlanner.CALL_LABEL, CALL.toString());
  }

  @Test
  void numberWithoutEndpointsUsesItsTenantsGatewayNeverTheCarriers() {
    PhoneNumber acmeSales = org.faxserver.router.fixtures.DirectoryFixtures.ACME_SALES;

    JobRouted job = planner.plan(directory, fax(ACME, EXTERNAL, acmeSales)).orElseThrow();

    assertThat(job.plan().endpointsInOrder()).containsExactly(EndpointRef.gateway("3", "acme-pbx"));
  }

  @Test
  void aFaxIsNeverSentBackToTheGatewayItCameFrom() {
    PhoneNumber acmeSales = org.faxserver.router.fixtures.DirectoryFixtures.ACME_SALES;
    InboundReceived fromThePbx = new InboundReceived(CALL, ACME, EXTERNAL, acmeSales, "acme-pbx", DOC, received(2),
        Instant.EPOCH);

    JobRouted job = planner.plan(directory, fromThePbx).orElseThrow();

    assertThat(job.isRejected()).isTrue();
    assertThat(job.rejection()).contains("acme-pbx").contains("loop");
    // Other endpoints of the plan stay: only the source gateway is left out.
    InboundReceived toMain = new InboundReceived(CALL, ACME, EXTERNAL, ACME_MAIN, "https://acme.example/fax", DOC,
        received(2), Instant.EPOCH);
    assertThat(planner.plan(directory, toMain).orElseThrow().plan().endpointsInOrder()).hasSize(2);
  }

  @Test
  void theJobBelongsToTheNumbersTenantAsTheDirectoryHasItNow() {
    // Accepted while the number was ACME's (or by the gateway's fallback memory); GLOBEX owns it now.
    JobRouted job = planner.plan(directory, fax(ACME, EXTERNAL, GLOBEX_MAIN)).orElseThrow();

    assertThat(job.tenantId()).isEqualTo(GLOBEX);
    assertThat(job.isRejected()).isTrue(); // GLOBEX has no endpoint in this directory
    assertThat(job.rejection()).contains("no enabled delivery endpoint");
  }

  @Test
  void relayFromATenantPbxGoesOutThroughTheGlobalGatewaysWithTheTenantsCallerId() {
    InboundReceived fromThePbx = new InboundReceived(CALL, ACME, ACME_MAIN, EXTERNAL, "acme-pbx", DOC, received(2),
        Instant.EPOCH);
    JobRouted job = planner.plan(directory, fromThePbx).orElseThrow();

    assertThat(job.isRejected()).isFalse();
    assertThat(job.plan().groups()).hasSize(2);
    assertThat(job.plan().endpointsInOrder()).containsExactly(
        EndpointRef.gateway("1", "carrier-a"), EndpointRef.gateway("2", "carrier-b"));
    assertThat(job.from()).isEqualTo(ACME_MAIN);
    assertThat(job.to()).isEqualTo(EXTERNAL);
    assertThat(job.tenantId()).isEqualTo(ACME);
  }

  @Test
  void relayWithACallerIdNotOfTheTenantIsARejectedJobNotADrop() {
    JobRouted job = planner.plan(directory, fax(GLOBEX, ACME_MAIN, EXTERNAL)).orElseThrow();

    assertThat(job.isRejected()).isTrue();
    assertThat(job.plan().isEmpty()).isTrue();
    assertThat(job.rejection()).contains("is not a number of tenant " + GLOBEX);
    assertThat(job.document()).isEqualTo(DOC);
  }

  @Test
  void relayWithoutCallerIdIsARejectedJob() {
    JobRouted job = planner.plan(directory, fax(ACME, null, EXTERNAL)).orElseThrow();

    assertThat(job.isRejected()).isTrue();
    assertThat(job.rejection()).contains("no caller id");
  }

  @Test
  void failedReceptionIsOnlyRecorded() {
    InboundReceived failed = new InboundReceived(CALL, ACME, EXTERNAL, ACME_MAIN, "carrier-a", null,
        FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "call dropped"), Instant.EPOCH);

    assertThat(planner.plan(directory, failed)).isEqualTo(Optional.empty());
  }

  @Test
  void theJobIdIsStableAcrossRedeliveries() {
    JobRouted first = planner.plan(directory, fax(ACME, EXTERNAL, ACME_MAIN)).orElseThrow();
    JobRouted again = planner.plan(directory, fax(ACME, EXTERNAL, ACME_MAIN)).orElseThrow();

    assertThat(first.jobId()).isEqualTo(again.jobId()).isEqualTo(ReceivedFaxPlanner.jobIdFor(CALL))
        .isNotEqualTo(CALL);
  }
}
