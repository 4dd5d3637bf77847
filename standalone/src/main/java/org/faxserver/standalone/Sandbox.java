package org.faxserver.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.faxserver.testkit.freeswitch.FaxSimBinary;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.Scenario;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandbox mode: testkit's FreeSWITCH stand-in in this JVM (it answers every number; faxes run through the
 * real spandsp T.30 engine when gcc and libspandsp-dev are installed, otherwise scripted), and through the
 * admin API a sandbox tenant with a number, a user, and a global gateway endpoint {@value #GATEWAY} pointing
 * at the stand-in. Idempotent: a restart on the same data directory finds and keeps what is there.
 */
final class Sandbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TENANT = "Sandbox";
  static final String GATEWAY = "sandbox";

  /** What a sandbox user needs to send a fax. */
  record Account(long tenantId, String username, String password, String fromNumber, String testNumber,
                 Path samplePdf) {}

  private final FreeSwitchStandIn standIn;
  private final boolean nativeFax;
  private final SandboxReceipts receipts;

  private Sandbox(FreeSwitchStandIn standIn, boolean nativeFax, SandboxReceipts receipts) {
    this.standIn = standIn;
    this.nativeFax = nativeFax;
    this.receipts = receipts;
  }

  static Sandbox start(Path dir, StandaloneProperties.SandboxFax mode) {
    StandInConfig config;
    try {
      config = StandInConfig.defaults().withWorkDir(Files.createDirectories(dir.resolve("remote")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean nativeFax = switch (mode) {
      case NATIVE -> true;
      case SCRIPTED -> false;
      case AUTO -> {
        try {
          FaxSimBinary.path();
          yield true;
        } catch (RuntimeException e) {
          log.warn("""

              *** SANDBOX: the real T.30 fax engine is not available ({}).
              *** Faxes in the sandbox are SCRIPTED: every call is answered and reported as a successful 1-page fax
              *** after a few seconds, without real T.30 signalling. For the real engine install
              *** gcc libspandsp-dev libtiff-dev (Debian/Ubuntu: apt-get install -y gcc libspandsp-dev libtiff-dev) and restart.
              """, firstLine(e.getMessage()));
          yield false;
        }
      }
    };
    FreeSwitchStandIn fs = FreeSwitchStandIn.start(nativeFax ? config : config.withoutNativeFax());
    if (!nativeFax) {
      fs.defaultScenario(Scenario.scripted(1, 0, Duration.ofSeconds(4)));
    }
    log.info("Sandbox: FreeSWITCH stand-in on {}:{} ({} faxes)", fs.host(), fs.port(),
        nativeFax ? "real spandsp T.30" : "scripted");
    return new Sandbox(fs, nativeFax, SandboxReceipts.start(dir.resolve("receipts")));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown reason";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  String host() {
    return standIn.host();
  }

  int port() {
    return standIn.port();
  }

  String password() {
    return standIn.password();
  }

  boolean nativeFax() {
    return nativeFax;
  }

  FreeSwitchStandIn standIn() {
    return standIn;
  }

  SandboxReceipts receipts() {
    return receipts;
  }

  @Override
  public void close() {
    receipts.close();
    standIn.close();
  }

  // ------------------------------------------------------------------ seeding through the admin API

  static Account seed(String apiBase, String adminKey, StandaloneProperties props, Path dir, String receiptUrl) {
    Admin admin = new Admin(apiBase, adminKey);
    long tenantId = findOrCreateTenant(admin);
    // Receipts of every sandbox fax go to the local receiver (its port changes at every start).
    HttpResponse<String> notify = admin.call("PUT", "/admin/tenant/" + tenantId,
        Map.of("name", TENANT, "notify", "webhook->" + receiptUrl));
    if (notify.statusCode() != 200) {
      throw new IllegalStateException("sandbox receipts: " + notify.statusCode() + " " + notify.body());
    }
    String from = props.sandboxFromNumber();
    HttpResponse<String> number = admin.call("POST", "/admin/number", Map.of("tenant_id", tenantId, "number", from,
        "caller_id_name", TENANT, "ident", from));
    if (number.statusCode() != 201 && number.statusCode() != 409) {
      throw new IllegalStateException("sandbox number: " + number.statusCode() + " " + number.body());
    }
    String username = props.sandboxUsername();
    String password = password(dir.resolve("credentials.properties"), username);
    ensureUser(admin, tenantId, username, password);
    ensureGateway(admin);
    Path pdf = samplePdf(dir.resolve("sample.pdf"));
    return new Account(tenantId, username, password, from, props.sandboxTestNumber(), pdf);
  }

  private static long findOrCreateTenant(Admin admin) {
    for (JsonNode t : admin.json("GET", "/admin/tenant?page=0&size=500", null).path("items")) {
      if (TENANT.equals(t.path("name").asText())) {
        return t.path("id").asLong();
      }
    }
    return admin.json("POST", "/admin/tenant", Map.of("name", TENANT)).path("id").asLong();
  }

  private static void ensureUser(Admin admin, long tenantId, String username, String password) {
    HttpResponse<String> created = admin.call("POST", "/admin/user",
        Map.of("tenant_id", tenantId, "username", username, "password", password));
    if (created.statusCode() == 201) {
      return;
    }
    if (created.statusCode() != 409) {
      throw new IllegalStateException("sandbox user: " + created.statusCode() + " " + created.body());
    }
    // There already: make its password the one we print.
    for (JsonNode u : admin.json("GET", "/admin/user?tenant_id=" + tenantId + "&page=0&size=500", null).path("items")) {
      if (username.equalsIgnoreCase(u.path("username").asText())) {
        admin.json("PUT", "/admin/user/" + u.path("id").asLong(),
            Map.of("tenant_id", tenantId, "username", username, "password", password));
        return;
      }
    }
    throw new IllegalStateException("user " + username + " exists in another tenant; choose another "
        + "faxserver.standalone.sandbox-username");
  }

  private static void ensureGateway(Admin admin) {
    for (JsonNode e : admin.json("GET", "/admin/endpoint?scope=GLOBAL&page=0&size=500", null).path("items")) {
      if (GATEWAY.equals(e.path("gateway").path("name").asText())) {
        return;
      }
    }
    admin.json("POST", "/admin/endpoint", Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", 10,
        "gateway", Map.of("name", GATEWAY)));
  }

  /** The sandbox user's password: kept in the data directory so every start prints the same one. */
  private static String password(Path file, String username) {
    try {
      Properties p = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
      }
      String password = p.getProperty("password");
      if (password == null || password.isBlank() || !username.equals(p.getProperty("username"))) {
        password = Secrets.random(18);
        p.setProperty("username", username);
        p.setProperty("password", password);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          p.store(out, "faxserver standalone sandbox user");
        }
        Secrets.ownerOnly(file);
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-page PDF to send, so a new user needs no document of their own. */
  static Path samplePdf(Path file) {
    if (Files.exists(file)) {
      return file;
    }
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 28);
        cs.newLineAtOffset(72, 680);
        cs.showText("Hello from the faxserver sandbox");
        cs.endText();
        cs.addRect(72, 200, 400, 300);
        cs.setLineWidth(4);
        cs.stroke();
      }
      Files.createDirectories(file.getParent());
      doc.save(file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Minimal admin API client. */
  private static final class Admin {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    Admin(String base, String key) {
      this.base = base;
      this.key = key;
    }

    JsonNode json(String method, String path, Object body) {
      HttpResponse<String> r = call(method, path, body);
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("sandbox set-up: " + method + " " + path + " -> " + r.statusCode() + " " + r.body());
      }
      try {
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    HttpResponse<String> call(String method, String path, Object body) {
      try {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key);
        if (body == null) {
          b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
          b.header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new LinkedHashMap<>((Map<?, ?>) body))));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
