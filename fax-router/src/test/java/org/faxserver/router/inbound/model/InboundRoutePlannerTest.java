package org.faxserver.router.inbound.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_SALES;
import static org.faxserver.router.fixtures.DirectoryFixtures.EXTERNAL;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX;
import static org.faxserver.router.fixtures.DirectoryFixtures.GLOBEX_MAIN;
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
      aGateway("4", "old-pbx").forTenant(GLOBEX).allowing("192.0.2.50").disabled().build());

  private final InboundRoutePlanner planner = new InboundRoutePlanner(InboundPolicy.strict());

  private static InboundRouteRequest call(PhoneNumber callee, String sourceIp) {
    return new InboundRouteRequest(CALL, EXTERNAL, "Remote", callee, null, null, sourceIp);
  }

  @Test
  void unknownCalleeIsRejectedWith404() {
    InboundRouteDecision decision = planner.decide(directory, call(EXTERNAL, "203.0.113.5"));

    assertThat(decision.isRejected()).isTrue();
    assertThat(decision.sipCode()).isEqualTo(404);
    assertThat(decision.reason()).contains(EXTERNAL.e164());
  }

  @Test
  void unknownSourceIsRejectedWith401() {
    InboundRouteDecision decision = planner.decide(directory, call(ACME_MAIN, "198.51.100.1"));

    assertThat(decision.sipCode()).isEqualTo(401);
    assertThat(decision.reason()).contains("198.51.100.1");
  }

  @Test
  void cidrMatchIsExactNotSubstring() {
    // The seed accepted 10.0.0.1 because "pbx:10.0.0.12" contains it.
    assertThat(planner.decide(directory, call(ACME_MAIN, "10.0.0.1")).sipCode()).isEqualTo(401);
    assertThat(planner.decide(directory, call(ACME_MAIN, "0.0.12")).sipCode()).isEqualTo(401);
    assertThat(planner.decide(directory, call(ACME_MAIN, "10.0.0.12")).accepted()).isTrue();
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
    InboundRouteDecision decision = planner.decide(directory, call(ACME_MAIN, "10.0.0.12"));

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
    assertThat(planner.decide(directory, call(ACME_MAIN, "::ffff:10.0.0.12")).accepted()).isTrue();
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

    InboundRouteDecision decision = open.decide(directory, call(ACME_MAIN, "198.51.100.1"));

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.t38()).isEqualTo(T38Policy.ACCEPT);
  }
}
