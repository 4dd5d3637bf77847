package org.faxserver.router.inbound.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_SALES;
import static org.faxserver.router.fixtures.DirectoryFixtures.EXTERNAL;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX_MAIN_ID;
import static org.faxserver.router.fixtures.DirectoryFixtures.aGateway;
import static org.faxserver.router.fixtures.DirectoryFixtures.directoryWith;

import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.router.directory.model.Directory;
import org.junit.jupiter.api.Test;

class InboundRoutePlannerTest {

  private static final UUID CALL = UUID.fromString("c51e2f70-1a2b-4c3d-8e9f-0a1b2c3d4e40");

  private final Directory directory = directoryWith(
      aGateway("1", "carrier-a").global().allowing("203.0.113.0/24", "2001:db8:a::/48").build(),
      aGateway("2", "acme-pbx").forTenant(ACME).allowing("10.0.0.12").t38(T38Policy.OFF).build(),
      aGateway("3", "carrier-a-edge").global().allowing("203.0.113.7/32").t38(T38Policy.REQUEST)
          .sourceOnly().build(),
      aGateway("4", "old-pbx").forTenant(GLOBEX).allowing("192.0.2.50").disabled().build(),
      aGateway("5", "globex-main-pbx").forNumber(GLOBEX, GLOBEX_MAIN_ID).allowing("192.0.2.60").build());

  private final InboundRoutePlanner planner = new InboundRoutePlanner(InboundPolicy.strict());

  private static final String CARRIER_IP = "203.0.113.5";
  private static final String ACME_PBX_IP = "10.0.0.12";
  private static final String GLOBEX_MAIN_PBX_IP = "192.0.2.60";
  private static final String UNKNOWN_IP = "198.51.100.1";

  /** A call as a carrier sends it: an outside caller id. */
  private static InboundRouteRequest call(PhoneNumber callee, String sourceIp) {
    return call(EXTERNAL, callee, sourceIp);
  }

  private static InboundRouteRequest call(PhoneNumber caller, PhoneNumber callee, String sourceIp) {
    return new InboundRouteRequest(CALL, caller, "Remote", callee, null, null, sourceIp);
  }

  // --- rule 1: the source is decided first -------------------------------------------------------

  @Test
  void unknownSourceIsRejectedBeforeTheNumberIsLookedUp() {
    // Same answer for a number of ours and for one that is not: no DID enumeration.
    InboundRouteDecision ours = planner.decide(directory, call(ACME_MAIN, UNKNOWN_IP));
    InboundRouteDecision notOurs = planner.decide(directory, call(EXTERNAL, UNKNOWN_IP));

    assertThat(ours.sipCode()).isEqualTo(401);
    assertThat(notOurs.sipCode()).isEqualTo(401);
    assertThat(notOurs.reason()).isEqualTo(ours.reason()).doesNotContain(EXTERNAL.e164());
  }

  // --- rule 2: a tenant PBX sends with its own numbers, to anywhere -------------------------------

  @Test
  void tenantPbxMayFaxOutsideNumbersWithItsOwnCallerId() {
    InboundRouteDecision decision = planner.decide(directory, call(ACME_SALES, EXTERNAL, ACME_PBX_IP));

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.relayOut()).isTrue();
    assertThat(decision.tenantId()).isEqualTo(ACME);
    assertThat(decision.recipient()).isEqualTo(EXTERNAL);
    assertThat(decision.t38()).isEqualTo(T38Policy.OFF);
    assertThat(decision.ident()).isNull();
  }

  @Test
  void tenantPbxCannotUseAnotherTenantsCallerId() {
    InboundRouteDecision outside = planner.decide(directory, call(GLOBEX_MAIN, EXTERNAL, ACME_PBX_IP));
    InboundRouteDecision local = planner.decide(directory, call(GLOBEX_MAIN, ACME_MAIN, ACME_PBX_IP));

    assertThat(outside.sipCode()).isEqualTo(403);
    assertThat(outside.reason()).contains(GLOBEX_MAIN.e164(), "tenant " + ACME);
    assertThat(local.sipCode()).isEqualTo(403);
  }

  @Test
  void tenantPbxCannotUseAnOutsideOrMissingCallerId() {
    assertThat(planner.decide(directory, call(EXTERNAL, EXTERNAL, ACME_PBX_IP)).sipCode()).isEqualTo(403);
    assertThat(planner.decide(directory, call(null, EXTERNAL, ACME_PBX_IP)).sipCode()).isEqualTo(403);
    assertThat(planner.decide(directory, call(null, ACME_MAIN, ACME_PBX_IP)).reason()).contains("(none)");
  }

  @Test
  void tenantPbxFaxToANumberOnThisSystemIsReceivedForThatNumbersTenant() {
    InboundRouteDecision decision = planner.decide(directory, call(ACME_MAIN, GLOBEX_MAIN, ACME_PBX_IP));

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.relayOut()).isFalse();
    assertThat(decision.tenantId()).isEqualTo(GLOBEX);
    assertThat(decision.recipient()).isEqualTo(GLOBEX_MAIN);
    assertThat(decision.ident()).isEqualTo("GLOBEX");
  }

  @Test
  void numberScopedGatewayIsATenantPbxOfItsNumbersTenant() {
    InboundRouteDecision relay = planner.decide(directory, call(GLOBEX_MAIN, EXTERNAL, GLOBEX_MAIN_PBX_IP));

    assertThat(relay.relayOut()).isTrue();
    assertThat(relay.tenantId()).isEqualTo(GLOBEX);
    assertThat(planner.decide(directory, call(ACME_MAIN, EXTERNAL, GLOBEX_MAIN_PBX_IP)).sipCode())
        .isEqualTo(403);
  }

  // --- rule 3: a carrier may only reach numbers of this system ------------------------------------

  @Test
  void carrierCallToUnknownNumberIsRejectedWith404() {
    InboundRouteDecision decision = planner.decide(directory, call(EXTERNAL, CARRIER_IP));

    assertThat(decision.isRejected()).isTrue();
    assertThat(decision.sipCode()).isEqualTo(404);
    assertThat(decision.reason()).contains(EXTERNAL.e164());
    // a source-only carrier gateway alike
    assertThat(planner.decide(directory, call(EXTERNAL, "203.0.113.7")).sipCode()).isEqualTo(404);
  }

  @Test
  void carrierCallIsNeverRelayedEvenWithATenantCallerId() {
    // A tenant's caller id arriving from a carrier proves nothing; relaying it would send it back out.
    InboundRouteDecision decision = planner.decide(directory, call(ACME_MAIN, EXTERNAL, CARRIER_IP));

    assertThat(decision.sipCode()).isEqualTo(404);
  }

  @Test
  void carrierCallerIdIsNotRestricted() {
    InboundRouteDecision decision = planner.decide(directory, call(EXTERNAL, ACME_MAIN, CARRIER_IP));

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.relayOut()).isFalse();
    assertThat(decision.tenantId()).isEqualTo(ACME);
  }

  @Test
  void unknownSourceIsTreatedLikeACarrierWhenSourcesNeedNotBeKnown() {
    InboundRoutePlanner open = new InboundRoutePlanner(new InboundPolicy(false, false, T38Policy.ACCEPT));

    assertThat(open.decide(directory, call(ACME_MAIN, EXTERNAL, UNKNOWN_IP)).sipCode()).isEqualTo(404);
    assertThat(open.decide(directory, call(ACME_MAIN, UNKNOWN_IP)).relayOut()).isFalse();
  }

  // --- source matching and accept details ---------------------------------------------------------

  @Test
  void unknownSourceIsRejectedWith401() {
    InboundRouteDecision decision = planner.decide(directory, call(ACME_MAIN, UNKNOWN_IP));

    assertThat(decision.sipCode()).isEqualTo(401);
    assertThat(decision.reason()).contains("198.51.100.1");
  }

  @Test
  void cidrMatchIsExactNotSubstring() {
    // The seed accepted 10.0.0.1 because "pbx:10.0.0.12" contains it.
    assertThat(planner.decide(directory, call(ACME_MAIN, "10.0.0.1")).sipCode()).isEqualTo(401);
    assertThat(planner.decide(directory, call(ACME_MAIN, "0.0.12")).sipCode()).isEqualTo(401);
    assertThat(planner.decide(directory, call(ACME_SALES, ACME_MAIN, "10.0.0.12")).accepted()).isTrue();
    assertThat(planner.decide(directory, call(ACME_MAIN, "203.0.113.254")).accepted()).isTrue();
    assertThat(planner.decide(directory, call(ACME_MAIN, "203.0.114.1")).sipCode()).isEqualTo(401);
  }

  @Test
  void ipv6SourcesMatchByPrefix() {
    assertThat(planner.decide(directory, call(ACME_MAIN, "2001:db8:a:ffff::1")).accepted()).isTrue();
    assertThat(planner.decide(directory, call(ACME_MAIN, "2001:db8:b::1")).sipCode()).isEqualTo(401);
  }

  @Test
  void emptySourceAddressIsNeverKnown() {
    // The seed's substring test let an empty address through.
    assertThat(planner.decide(directory, call(ACME_MAIN, "")).sipCode()).isEqualTo(401);
    assertThat(planner.decide(directory, call(ACME_MAIN, null)).sipCode()).isEqualTo(401);
  }

  @Test
  void disabledGatewaysAdmitNoCalls() {
    assertThat(planner.decide(directory, call(GLOBEX_MAIN, "192.0.2.50")).sipCode()).isEqualTo(401);
  }

  @Test
  void acceptGivesTenantT38PolicyAndIdent() {
    InboundRouteDecision decision = planner.decide(directory, call(ACME_SALES, ACME_MAIN, ACME_PBX_IP));

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.tenantId()).isEqualTo(ACME);
    assertThat(decision.recipient()).isEqualTo(ACME_MAIN);
    assertThat(decision.t38()).isEqualTo(T38Policy.OFF);
    assertThat(decision.ident()).isEqualTo("ACME FAX");
  }

  @Test
  void gatewayWithoutOwnPolicyGetsTheDefault() {
    InboundRoutePlanner planner = new InboundRoutePlanner(new InboundPolicy(true, false, T38Policy.REQUEST));

    assertThat(planner.decide(directory, call(ACME_SALES, "203.0.113.5")).t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(planner.decide(directory, call(ACME_SALES, "203.0.113.5")).ident()).isNull();
  }

  @Test
  void mostSpecificAllowedBlockDecidesTheGateway() {
    // 203.0.113.7 is in carrier-a's /24 and in the source-only edge gateway's /32.
    assertThat(planner.decide(directory, call(ACME_MAIN, "203.0.113.7")).t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(planner.decide(directory, call(ACME_MAIN, "203.0.113.8")).t38()).isEqualTo(T38Policy.ACCEPT);
  }

  @Test
  void ipv4MappedIpv6SourceMatchesIpv4Blocks() {
    assertThat(planner.decide(directory, call(ACME_SALES, ACME_MAIN, "::ffff:10.0.0.12")).accepted())
        .isTrue();
  }

  @Test
  void diversionNumberIsTheRecipientWhenConfigured() {
    InboundRoutePlanner planner = new InboundRoutePlanner(new InboundPolicy(true, true, T38Policy.ACCEPT));
    InboundRouteRequest diverted =
        new InboundRouteRequest(CALL, EXTERNAL, null, EXTERNAL, GLOBEX_MAIN, null, "203.0.113.5");

    InboundRouteDecision decision = planner.decide(directory, diverted);

    assertThat(decision.tenantId()).isEqualTo(GLOBEX);
    assertThat(decision.recipient()).isEqualTo(GLOBEX_MAIN);
  }

  @Test
  void diversionIsIgnoredUnlessConfigured() {
    InboundRouteRequest diverted =
        new InboundRouteRequest(CALL, EXTERNAL, null, ACME_MAIN, GLOBEX_MAIN, null, "203.0.113.5");

    assertThat(planner.decide(directory, diverted).tenantId()).isEqualTo(ACME);
  }

  @Test
  void unknownSourceIsAcceptedWhenSourcesNeedNotBeKnown() {
    InboundRoutePlanner open = new InboundRoutePlanner(new InboundPolicy(false, false, T38Policy.ACCEPT));

    InboundRouteDecision decision = open.decide(directory, call(ACME_MAIN, UNKNOWN_IP));

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.t38()).isEqualTo(T38Policy.ACCEPT);
  }
}
