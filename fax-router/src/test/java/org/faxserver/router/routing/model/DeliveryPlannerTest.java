package org.faxserver.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN_ID;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_SALES;
import static org.faxserver.router.fixtures.DirectoryFixtures.EXTERNAL;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX_MAIN_ID;
import static org.faxserver.router.fixtures.DirectoryFixtures.aGateway;
import static org.faxserver.router.fixtures.DirectoryFixtures.aWebhook;
import static org.faxserver.router.fixtures.DirectoryFixtures.anEmail;
import static org.faxserver.router.fixtures.DirectoryFixtures.directoryWith;

import java.util.List;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.router.directory.model.Directory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeliveryPlannerTest {

  private final DeliveryPlanner planner = new DeliveryPlanner();

  private static RoutingDecision submit(Directory directory, PhoneNumber to) {
    return new DeliveryPlanner().planSubmission(directory, ACME, ACME_MAIN, to);
  }

  private static List<String> ids(RoutingDecision decision) {
    return decision.plan().endpointsInOrder().stream().map(EndpointRef::endpointId).toList();
  }

  private static List<List<String>> groups(RoutingDecision decision) {
    return decision.plan().groups().stream()
        .map(g -> g.endpoints().stream().map(EndpointRef::endpointId).toList())
        .toList();
  }

  @Nested
  class LocalDestinations {

    @Test
    void numberEndpointsWinOverTenantEndpoints() {
      Directory directory = directoryWith(
          aGateway("1", "globex-pbx").forTenant(GLOBEX).priority(1).build(),
          aWebhook("2", "https://globex.example/fax").forNumber(GLOBEX, GLOBEX_MAIN_ID).priority(50).build());

      RoutingDecision decision = submit(directory, GLOBEX_MAIN);

      assertThat(ids(decision)).containsExactly("2");
    }

    @Test
    void aGatewaysCallLimitTravelsInThePlan() {
      Directory directory = directoryWith(aGateway("1", "acme-pbx").forTenant(ACME).maxCalls(4).build());

      RoutingDecision decision = submit(directory, ACME_SALES);

      assertThat(decision.plan().endpointsInOrder()).extracting(EndpointRef::maxConcurrentCalls).containsExactly(4);
    }

    @Test
    void tenantEndpointsServeNumbersWithoutEndpointsOfTheirOwn() {
      Directory directory = directoryWith(
          aGateway("1", "acme-pbx").forTenant(ACME).build(),
          aWebhook("2", "https://acme.example/main").forNumber(ACME, ACME_MAIN_ID).build());

      RoutingDecision decision = submit(directory, ACME_SALES);

      assertThat(ids(decision)).containsExactly("1");
    }

    @Test
    void numberWhoseEndpointsAreAllDisabledUsesItsTenantsEndpoints() {
      Directory directory = directoryWith(
          aGateway("1", "globex-pbx").forTenant(GLOBEX).build(),
          aWebhook("2", "https://globex.example/fax").forNumber(GLOBEX, GLOBEX_MAIN_ID).disabled().build());

      assertThat(ids(submit(directory, GLOBEX_MAIN))).containsExactly("1");
    }

    @Test
    void localNumberWithoutEndpointsIsRejectedNotSentToCarriers() {
      Directory directory = directoryWith(aGateway("9", "carrier-a").global().build());

      RoutingDecision decision = submit(directory, GLOBEX_MAIN);

      assertThat(decision.isRejected()).isTrue();
      assertThat(decision.plan().isEmpty()).isTrue();
      assertThat(decision.rejection()).isEqualTo("no delivery route to " + GLOBEX_MAIN.e164());
    }

    @Test
    void onlyTheNumbersOwnTenantIsToldWhyItsNumberHasNoRoute() {
      Directory directory = directoryWith(aGateway("9", "carrier-a").global().build());

      RoutingDecision own = new DeliveryPlanner().planSubmission(directory, GLOBEX, GLOBEX_MAIN, GLOBEX_MAIN);

      assertThat(own.isRejected()).isTrue();
      assertThat(own.rejection()).contains(GLOBEX_MAIN.e164()).contains("no enabled delivery endpoint");
    }

    @Test
    void deliveryMixesKindsInOnePlan() {
      Directory directory = directoryWith(
          aGateway("1", "globex-pbx").forTenant(GLOBEX).priority(1).build(),
          anEmail("2", "fax@globex.example,ops@globex.example").forTenant(GLOBEX).priority(2).build());

      assertThat(submit(directory, GLOBEX_MAIN).plan().endpointsInOrder())
          .containsExactly(EndpointRef.gateway("1", "globex-pbx"),
              EndpointRef.email("2", "fax@globex.example,ops@globex.example"));
    }
  }

  @Nested
  class Ordering {

    @Test
    void groupsArePriorityAscending() {
      Directory directory = directoryWith(
          aGateway("1", "c").global().priority(30).build(),
          aGateway("2", "a").global().priority(10).build(),
          aGateway("3", "b").global().priority(20).build());

      RoutingDecision decision = submit(directory, EXTERNAL);

      assertThat(decision.plan().groups()).extracting(PriorityGroup::priority).containsExactly(10, 20, 30);
      assertThat(ids(decision)).containsExactly("2", "3", "1");
    }

    @Test
    void lastResortEndpointsComeLast() {
      Directory directory = directoryWith(
          aWebhook("1", "https://backup.example").forTenant(GLOBEX).priority(0).lastResort().build(),
          aGateway("2", "globex-pbx").forTenant(GLOBEX).priority(500).build());

      assertThat(groups(submit(directory, GLOBEX_MAIN))).containsExactly(List.of("2"), List.of("1"));
    }

    @Test
    void equalPrioritiesFormOneGroupOrderedById() {
      Directory directory = directoryWith(
          aGateway("10", "carrier-b").global().priority(5).build(),
          aGateway("9", "carrier-a").global().priority(5).build(),
          aGateway("11", "carrier-c").global().priority(5).build());

      assertThat(groups(submit(directory, EXTERNAL))).containsExactly(List.of("9", "10", "11"));
    }

    @Test
    void lastResortEndpointsAreGroupedByTheirOwnPriority() {
      Directory directory = directoryWith(
          aGateway("1", "a").global().priority(7).lastResort().build(),
          aGateway("2", "b").global().priority(3).lastResort().build(),
          aGateway("3", "c").global().priority(7).build());

      assertThat(groups(submit(directory, EXTERNAL)))
          .containsExactly(List.of("3"), List.of("2"), List.of("1"));
    }
  }

  @Nested
  class Exclusions {

    @Test
    void sourceOnlyGatewaysAreNeverDeliveryTargets() {
      Directory directory = directoryWith(
          aGateway("1", "acme-sbc").forTenant(ACME).priority(1).sourceOnly().build(),
          aGateway("2", "acme-pbx").forTenant(ACME).priority(2).build(),
          aGateway("3", "carrier-in").global().priority(1).sourceOnly().build(),
          aGateway("4", "carrier-out").global().priority(2).build());

      assertThat(ids(submit(directory, ACME_SALES))).containsExactly("2");
      assertThat(ids(submit(directory, EXTERNAL))).containsExactly("4");
    }

    @Test
    void disabledEndpointsAreSkipped() {
      Directory directory = directoryWith(
          aGateway("1", "carrier-a").global().priority(1).disabled().build(),
          aGateway("2", "carrier-b").global().priority(2).build());

      assertThat(ids(submit(directory, EXTERNAL))).containsExactly("2");
    }

    @Test
    void numberWithOnlySourceOnlyGatewaysUsesItsTenantsEndpoints() {
      Directory directory = directoryWith(
          aGateway("1", "globex-sbc").forNumber(GLOBEX, GLOBEX_MAIN_ID).sourceOnly().build(),
          aGateway("2", "globex-pbx").forTenant(GLOBEX).build());

      assertThat(ids(submit(directory, GLOBEX_MAIN))).containsExactly("2");
    }
  }

  @Nested
  class ExternalDestinations {

    @Test
    void externalDestinationGoesThroughGlobalGateways() {
      Directory directory = directoryWith(
          aGateway("1", "acme-pbx").forTenant(ACME).build(),
          aGateway("2", "carrier-a").global().build());

      RoutingDecision decision = submit(directory, EXTERNAL);

      assertThat(decision.plan().endpointsInOrder()).containsExactly(EndpointRef.gateway("2", "carrier-a"));
    }

    @Test
    void onlyGatewaysCarryFaxesToExternalDestinations() {
      Directory directory = directoryWith(
          aWebhook("1", "https://global.example").global().priority(1).build(),
          aGateway("2", "carrier-a").global().priority(2).build());

      assertThat(ids(submit(directory, EXTERNAL))).containsExactly("2");
    }

    @Test
    void externalDestinationWithoutGlobalGatewayIsRejectedWithAReason() {
      Directory directory = directoryWith(aGateway("1", "carrier-a").global().disabled().build());

      RoutingDecision decision = submit(directory, EXTERNAL);

      assertThat(decision.plan().isEmpty()).isTrue();
      assertThat(decision.rejection()).contains("no enabled global gateway").contains(EXTERNAL.e164());
    }
  }

  @Nested
  class CallerId {

    private final Directory directory = directoryWith(aGateway("1", "carrier-a").global().build());

    @Test
    void unknownCallerIdIsRejected() {
      RoutingDecision decision =
          planner.planSubmission(directory, ACME, PhoneNumber.ofE164("+15559999999"), EXTERNAL);

      assertThat(decision.isRejected()).isTrue();
      assertThat(decision.rejection()).isEqualTo("caller id +15559999999 is not a number of tenant 1");
    }

    @Test
    void anotherTenantsNumberIsRejectedAsCallerId() {
      RoutingDecision decision = planner.planSubmission(directory, ACME, GLOBEX_MAIN, EXTERNAL);

      assertThat(decision.isRejected()).isTrue();
      assertThat(decision.rejection()).contains(GLOBEX_MAIN.e164()).contains("tenant " + ACME);
    }

    @Test
    void unknownTenantIsRejected() {
      RoutingDecision decision = planner.planSubmission(directory, "77", ACME_MAIN, EXTERNAL);

      assertThat(decision.rejection()).isEqualTo("tenant 77 is not in the directory");
    }

    @Test
    void ownNumberIsAcceptedAsCallerId() {
      assertThat(planner.planSubmission(directory, ACME, ACME_SALES, EXTERNAL).isRejected()).isFalse();
    }
  }

  @Nested
  class Relays {

    @Test
    void relayOfAnUnknownDidNeverGoesToCarriers() {
      Directory directory = directoryWith(aGateway("1", "carrier-a").global().build());

      RoutingDecision decision = planner.planRelay(directory, EXTERNAL);

      assertThat(decision.isRejected()).isTrue();
      assertThat(decision.rejection()).contains("never relayed to carriers");
    }

    @Test
    void relayGoesToTheDidsEndpoints() {
      Directory directory = directoryWith(
          aGateway("1", "carrier-a").global().build(),
          aGateway("2", "acme-pbx").forTenant(ACME).build());

      assertThat(ids(planner.planRelay(directory, ACME_MAIN))).containsExactly("2");
    }
  }
}
