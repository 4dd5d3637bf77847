package org.faxserver.deployment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The shipped FreeSWITCH configuration as FreeSWITCH assembles it: starting at freeswitch.xml, line
 * by line, {@code $${var}} expanded first, then {@code <X-PRE-PROCESS cmd="set|include">} executed
 * (includes relative to the including file, with globs; {@code <include>} wrapper lines dropped),
 * as switch_xml.c's preprocessor does. The result is parsed with the JDK's XML parser.
 */
final class FreeSwitchConfig {

  private static final Pattern DIRECTIVE =
      Pattern.compile("<X-PRE-PROCESS\\s+cmd=\"([^\"]*)\"\\s+data=\"([^\"]*)\"\\s*/>", Pattern.CASE_INSENSITIVE);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{([^}]+)}");
  static final String UNDEFINED = "UNDEFINED-VARIABLE:";

  final Path dir;
  /** Global variables in the order FreeSWITCH sets them (later sets win). */
  final Map<String, String> vars = new LinkedHashMap<>();
  final Set<String> undefined = new LinkedHashSet<>();
  final List<Path> filesRead = new ArrayList<>();
  final Document document;

  private FreeSwitchConfig(Path dir, Map<String, String> builtins) {
    this.dir = dir;
    vars.putAll(builtins);
    StringBuilder out = new StringBuilder();
    preprocess(dir.resolve("freeswitch.xml"), out, 0);
    this.document = parse(out.toString());
  }

  /** Built-in variables FreeSWITCH sets before it reads the configuration (values are examples). */
  static FreeSwitchConfig load() {
    return new FreeSwitchConfig(Repo.path("freeswitch"), Map.of(
        "local_ip_v4", "192.0.2.1",
        "conf_dir", "/etc/freeswitch",
        "base_dir", "/usr"));
  }

  private void preprocess(Path file, StringBuilder out, int depth) {
    if (depth > 20) {
      throw new IllegalStateException("include loop at " + file);
    }
    filesRead.add(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String raw : lines) {
      String line = expand(raw);
      Matcher m = DIRECTIVE.matcher(line);
      if (m.find()) {
        String cmd = m.group(1);
        String data = m.group(2);
        switch (cmd.toLowerCase()) {
          case "set" -> {
            int eq = data.indexOf('=');
            vars.put(data.substring(0, eq).trim(), data.substring(eq + 1).trim());
          }
          case "include" -> {
            for (Path included : glob(file.getParent(), data)) {
              preprocess(included, out, depth + 1);
            }
          }
          default -> throw new IllegalStateException("unsupported X-PRE-PROCESS cmd " + cmd + " in " + file);
        }
        continue;
      }
      String trimmed = line.trim();
      if (trimmed.equals("<include>") || trimmed.equals("</include>") || trimmed.startsWith("<?xml")) {
        if (!(trimmed.startsWith("<?xml") && depth == 0)) {
          continue;
        }
      }
      out.append(line).append('\n');
    }
  }

  private String expand(String line) {
    Matcher m = VARIABLE.matcher(line);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        undefined.add(m.group(1));
        value = UNDEFINED + m.group(1);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static List<Path> glob(Path base, String pattern) {
    Path full = base.resolve(pattern).normalize();
    Path parent = full.getParent();
    String name = full.getFileName().toString();
    if (!name.contains("*") && !name.contains("?")) {
      if (!Files.isRegularFile(full)) {
        throw new IllegalStateException("included file missing: " + full);
      }
      return List.of(full);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
    try (Stream<Path> files = Files.list(parent)) {
      // glob(3) returns names sorted, like this.
      return files.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Document parse(String xml) {
    try {
      return builder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new IllegalStateException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  static Document parse(Path file) {
    try {
      return builder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException(file + " is not well-formed XML: " + e.getMessage(), e);
    }
  }

  private static DocumentBuilder builder() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setNamespaceAware(false);
    return f.newDocumentBuilder();
  }

  NodeList nodes(String xpath) {
    try {
      return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
    } catch (Exception e) {
      throw new IllegalArgumentException(xpath, e);
    }
  }

  List<Element> elements(String xpath) {
    NodeList list = nodes(xpath);
    List<Element> result = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      result.add((Element) list.item(i));
    }
    return result;
  }

  Optional<Element> element(String xpath) {
    List<Element> list = elements(xpath);
    if (list.size() > 1) {
      throw new IllegalStateException(list.size() + " elements for " + xpath);
    }
    return list.stream().findFirst();
  }

  /** {@code <param name=... value=...>} of a configuration section's settings, e.g. ("event_socket.conf", "settings"). */
  Map<String, String> params(String configuration, String container) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Element p : elements("/document/section[@name='configuration']/configuration[@name='" + configuration + "']/"
        + container + "/param")) {
      params.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return params;
  }

  Map<String, String> children(Element parent, String tag) {
    Map<String, String> params = new LinkedHashMap<>();
    NodeList list = parent.getElementsByTagName(tag);
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      params.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return params;
  }

  /** Every .xml file of the configuration directory. */
  static List<Path> allXmlFiles() {
    try (Stream<Path> files = Files.walk(Repo.path("freeswitch"))) {
      return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
