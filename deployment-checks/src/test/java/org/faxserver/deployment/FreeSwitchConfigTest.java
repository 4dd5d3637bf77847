package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** freeswitch/: well-formed, assembles like FreeSWITCH does, and agrees with esl-gateway. */
class FreeSwitchConfigTest {

  private static final FreeSwitchConfig FS = FreeSwitchConfig.load();
  private static final SpringConfig ESL_GATEWAY = SpringConfig.of("esl-gateway");

  @Test
  void everyXmlFileIsWellFormedOnItsOwn() {
    List<Path> files = FreeSwitchConfig.allXmlFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(14);
    for (Path file : files) {
      FreeSwitchConfig.parse(file); // throws with the file name when malformed
    }
    FreeSwitchConfig.parse(Repo.path("freeswitch/vars.d/local.xml.example"));
  }

  @Test
  void noPreprocessorDirectiveHidesInAComment() throws Exception {
    // FreeSWITCH's preprocessor ignores XML comments: a "commented-out" directive still runs.
    Pattern comment = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);
    for (Path file : FreeSwitchConfig.allXmlFiles()) {
      Matcher m = comment.matcher(Files.readString(file));
      while (m.find()) {
        assertThat(m.group(1)).as("comment in %s", file).doesNotContainIgnoringCase("<X-PRE-PROCESS");
      }
    }
  }

  @Test
  void theEntryPointAssemblesEveryFileWithAllVariablesDefined() {
    assertThat(FS.document.getDocumentElement().getTagName()).isEqualTo("document");
    assertThat(FS.filesRead).containsAll(FreeSwitchConfig.allXmlFiles());
    List<String> unresolved = new ArrayList<>();
    collectUnresolved(FS.document.getDocumentElement(), unresolved);
    assertThat(unresolved).as("attributes using variables vars.xml does not set").isEmpty();
    for (String conf : List.of("modules.conf", "switch.conf", "event_socket.conf", "acl.conf", "sofia.conf",
        "spandsp.conf", "db.conf", "logfile.conf", "console.conf")) {
      assertThat(FS.element("/document/section[@name='configuration']/configuration[@name='" + conf + "']"))
          .as(conf).isPresent();
    }
  }

  private static void collectUnresolved(Element e, List<String> out) {
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      if (a.getNodeValue().contains(FreeSwitchConfig.UNDEFINED) || a.getNodeValue().contains("$${")) {
        out.add(e.getTagName() + "@" + a.getNodeName() + "=" + a.getNodeValue());
      }
    }
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element child) {
        collectUnresolved(child, out);
      }
    }
  }

  @Test
  void loadsExactlyTheModulesTheProductNeeds() {
    List<String> modules = FS.elements("//configuration[@name='modules.conf']/modules/load").stream()
        .map(e -> e.getAttribute("module")).toList();
    assertThat(modules).containsExactlyInAnyOrder("mod_console", "mod_logfile", "mod_event_socket", "mod_sofia",
        "mod_commands", "mod_dptools", "mod_dialplan_xml", "mod_spandsp", "mod_tone_stream", "mod_db");
  }

  @Test
  void eventSocketMatchesEslGatewaysDefaults() {
    Map<String, String> es = FS.params("event_socket.conf", "settings");
    assertThat(es.get("listen-port")).isEqualTo(ESL_GATEWAY.defaultValue("faxserver.freeswitch.port").orElseThrow());
    assertThat(es.get("password")).isEqualTo(ESL_GATEWAY.defaultValue("faxserver.freeswitch.password").orElseThrow());
    assertThat(es.get("listen-ip")).isEqualTo(ESL_GATEWAY.defaultValue("faxserver.freeswitch.host").orElseThrow());
    // Only loopback may connect.
    String acl = es.get("apply-inbound-acl");
    assertThat(acl).isNotBlank();
    Element list = FS.element("//configuration[@name='acl.conf']/network-lists/list[@name='" + acl + "']").orElseThrow();
    assertThat(list.getAttribute("default")).isEqualTo("deny");
    List<String> allowed = FS.elements("//configuration[@name='acl.conf']/network-lists/list[@name='" + acl
        + "']/node[@type='allow']").stream().map(n -> n.getAttribute("cidr")).toList();
    assertThat(allowed).contains("127.0.0.0/8").allMatch(c -> c.startsWith("127.") || c.equals("::1/128"));
  }

  @Test
  void theProfileHandsEveryCallToEslGatewaysOutboundSocket() {
    Element profile = FS.element("//configuration[@name='sofia.conf']/profiles/profile[@name='fax']").orElseThrow();
    Map<String, String> settings = FS.children((Element) profile.getElementsByTagName("settings").item(0), "param");
    assertThat(settings).containsEntry("dialplan", "XML").containsEntry("auth-calls", "false")
        .containsEntry("disable-register", "true");
    String context = settings.get("context");

    Element ctx = FS.element("/document/section[@name='dialplan']/context[@name='" + context + "']").orElseThrow();
    List<Element> extensions = FS.elements("/document/section[@name='dialplan']/context[@name='" + context + "']/extension");
    assertThat(extensions).hasSize(1);
    Element condition = (Element) extensions.get(0).getElementsByTagName("condition").item(0);
    assertThat(condition.getAttribute("field")).isEqualTo("destination_number");
    assertThat(condition.getAttribute("expression")).isEqualTo("^(.*)$");
    List<Element> sockets = FS.elements("/document/section[@name='dialplan']/context[@name='" + context
        + "']/extension/condition/action[@application='socket']");
    assertThat(sockets).hasSize(1);
    assertThat(ctx).isNotNull();

    String data = sockets.get(0).getAttribute("data");
    Matcher m = Pattern.compile("^([^:\\s]+):(\\d+) async full$").matcher(data);
    assertThat(m.matches()).as("socket data %s", data).isTrue();
    assertThat(m.group(1)).isEqualTo("127.0.0.1"); // esl-gateway shares FreeSWITCH's network namespace
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(eslGatewayOutboundSocketPort());
  }

  /**
   * esl-gateway's outbound-socket port: its application.yml default when the key exists (any
   * faxserver.* key naming an outbound socket/listen port), else the design's 8084.
   */
  static int eslGatewayOutboundSocketPort() {
    return ESL_GATEWAY.properties.keySet().stream()
        .filter(k -> k.startsWith("faxserver.") && k.endsWith("port")
            && (k.contains("outbound") || k.contains("socket") || k.contains("listen") || k.contains("inbound")))
        .filter(k -> !k.equals("faxserver.freeswitch.port"))
        .findFirst()
        .map(k -> Integer.parseInt(ESL_GATEWAY.defaultValue(k).orElseThrow()))
        .orElse(8084);
  }

  @Test
  void gatewayExamplesCoverACarrierWithRegistrationAndAPbxWithout() {
    List<Element> gateways = FS.elements("//profile[@name='fax']/gateways/gateway");
    assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
    Pattern adminApiName = Pattern.compile("[A-Za-z0-9._-]{1,64}"); // the admin API's gateway.name
    List<String> names = gateways.stream().map(g -> g.getAttribute("name")).toList();
    assertThat(names).doesNotHaveDuplicates().allMatch(n -> adminApiName.matcher(n).matches());
    Map<String, String> carrier = FS.children(FS.element("//gateway[@name='carrier_example']").orElseThrow(), "param");
    assertThat(carrier).containsEntry("register", "true").containsKeys("username", "password", "realm");
    Map<String, String> pbx = FS.children(FS.element("//gateway[@name='pbx_example']").orElseThrow(), "param");
    assertThat(pbx).containsEntry("register", "false").containsKey("proxy");
  }

  @Test
  void ipSettingsComeFromVarsXml() {
    Element profile = FS.element("//profile[@name='fax']").orElseThrow();
    Map<String, String> s = FS.children((Element) profile.getElementsByTagName("settings").item(0), "param");
    assertThat(s.get("sip-ip")).isEqualTo(FS.vars.get("sofia_ip"));
    assertThat(s.get("rtp-ip")).isEqualTo(FS.vars.get("sofia_ip"));
    assertThat(s.get("ext-sip-ip")).isEqualTo(FS.vars.get("external_ip"));
    assertThat(s.get("ext-rtp-ip")).isEqualTo(FS.vars.get("external_ip"));
    assertThat(s.get("sip-port")).isEqualTo(FS.vars.get("fax_sip_port"));
    Map<String, String> sw = FS.params("switch.conf", "settings");
    assertThat(sw.get("rtp-start-port")).isEqualTo(FS.vars.get("rtp_start_port"));
    assertThat(sw.get("rtp-end-port")).isEqualTo(FS.vars.get("rtp_end_port"));
    assertThat(Integer.parseInt(sw.get("max-sessions"))).isPositive();
  }

  @Test
  void theRtpPortRangeCoversMaxSessions() {
    // Two media ports (RTP + RTCP, or UDPTL) per call leg; max-sessions counts call legs.
    int start = Integer.parseInt(FS.vars.get("rtp_start_port"));
    int end = Integer.parseInt(FS.vars.get("rtp_end_port"));
    int maxSessions = Integer.parseInt(FS.params("switch.conf", "settings").get("max-sessions"));
    assertThat(start).isGreaterThan(1024).isLessThan(end);
    assertThat(end - start + 1).as("RTP ports %d-%d for max-sessions %d", start, end, maxSessions)
        .isGreaterThanOrEqualTo(2 * maxSessions);
  }

  @Test
  void theSipProfileOnlyTakesCallsFromListedCarriersAndPbxes() {
    Element profile = FS.element("//configuration[@name='sofia.conf']/profiles/profile[@name='fax']").orElseThrow();
    Map<String, String> settings = FS.children((Element) profile.getElementsByTagName("settings").item(0), "param");
    String acl = settings.get("apply-inbound-acl");
    assertThat(acl).as("fax profile apply-inbound-acl").isEqualTo("carriers_and_pbxes");
    String xpath = "//configuration[@name='acl.conf']/network-lists/list[@name='" + acl + "']";
    Element list = FS.element(xpath).orElseThrow(() -> new AssertionError("acl.conf.xml has no list " + acl));
    assertThat(list.getAttribute("default")).isEqualTo("deny");
    List<String> allowed = FS.elements(xpath + "/node[@type='allow']").stream().map(n -> n.getAttribute("cidr")).toList();
    assertThat(allowed).isNotEmpty().allMatch(c -> c.matches("[0-9a-fA-F:.]+/\\d+"))
        .noneMatch(c -> c.equals("0.0.0.0/0") || c.equals("::/0"));
    assertThat(Repo.read("freeswitch/autoload_configs/acl.conf.xml")).contains("MUST list");
  }

  @Test
  void theOutboundSocketTargetIsOneAddress() {
    // The dialplan's `socket <address>:<port>` takes one target; vars.xml must not suggest lists.
    assertThat(FS.vars.get("esl_gateway_address")).matches("[0-9.]+|[0-9a-fA-F:]+");
    String vars = Repo.read("freeswitch/vars.xml");
    assertThat(vars).doesNotContainIgnoringCase("failover").doesNotContain("\"|\"").doesNotContainPattern("\\d\\|\\d");
  }

  @Test
  void spandspWritesIntoTheSharedSpool() {
    Map<String, String> fax = FS.params("spandsp.conf", "fax-settings");
    assertThat(fax.get("spool-dir")).isEqualTo(FS.vars.get("fax_spool_dir")).startsWith("/");
    assertThat(fax).containsEntry("use-ecm", "true").containsEntry("enable-t38", "true");
  }

  @Test
  void modDbKeepsItsDataInTheCoreDatabaseUnlessConfigured() {
    assertThat(FS.element("//configuration[@name='db.conf']/settings")).isPresent();
    assertThat(Set.copyOf(FS.params("db.conf", "settings").keySet())).isSubsetOf(Set.of("odbc-dsn"));
  }
}
