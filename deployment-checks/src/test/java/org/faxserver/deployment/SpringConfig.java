package org.faxserver.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A service's {@code application.yml}, flattened to Spring property names, with the environment
 * variables it names in {@code ${NAME:default}} placeholders. Decides whether an environment variable
 * set by a deployment means something to the service (a placeholder it reads, the relaxed-binding
 * form of one of its keys, or a standard Spring Boot/JVM setting).
 */
final class SpringConfig {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");

  /** Standard settings every Boot service understands, whether or not its yml mentions them. */
  private static final Set<String> STANDARD = Set.of(
      "SERVER_PORT", "MANAGEMENT_SERVER_PORT", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED",
      "SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "TZ");
  private static final List<String> STANDARD_PREFIXES = List.of("LOGGING_LEVEL_");

  final String module;
  final boolean present;
  /** property name → raw value as written (placeholders unresolved). */
  final Map<String, String> properties = new LinkedHashMap<>();
  /** environment variable → its default in the placeholder (null when none). */
  final Map<String, String> placeholders = new LinkedHashMap<>();

  private SpringConfig(String module, Path file) {
    this.module = module;
    this.present = Files.isRegularFile(file);
    if (!present) {
      return;
    }
    try {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      flatten("", root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String value : properties.values()) {
      Matcher m = PLACEHOLDER.matcher(value);
      while (m.find()) {
        placeholders.put(m.group(1), m.group(2));
      }
    }
  }

  static SpringConfig of(String module) {
    return new SpringConfig(module, Repo.applicationYml(module));
  }

  private void flatten(String prefix, Object node) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue());
      }
    } else if (node instanceof List<?> list) {
      properties.put(prefix, String.valueOf(list));
    } else {
      properties.put(prefix, node == null ? "" : String.valueOf(node));
    }
  }

  /** Spring Boot's relaxed binding from a property name to its environment variable. */
  static String envName(String property) {
    return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
  }

  Set<String> relaxedEnvNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String key : properties.keySet()) {
      names.add(envName(key));
    }
    return names;
  }

  boolean accepts(String env) {
    return placeholders.containsKey(env)
        || relaxedEnvNames().contains(env)
        || STANDARD.contains(env)
        || STANDARD_PREFIXES.stream().anyMatch(env::startsWith)
        || (env.startsWith("FAXSERVER_LOKI_") && usesObservability());
  }

  /**
   * faxserver.loki.* is bound by the shared observability module, not written in application.yml.
   * Every one of the five services gets that module (the deployments set FAXSERVER_LOKI_* on all of
   * them); other modules only when their pom names it.
   */
  private boolean usesObservability() {
    if (Services.ALL.contains(module)) {
      return true;
    }
    Path pom = Repo.path(module + "/pom.xml");
    try {
      return Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>observability</artifactId>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean readsPlaceholder(String env) {
    return placeholders.containsKey(env);
  }

  /** The value a property has when no environment variable is set. */
  Optional<String> defaultValue(String property) {
    String raw = properties.get(property);
    if (raw == null) {
      return Optional.empty();
    }
    Matcher m = PLACEHOLDER.matcher(raw);
    if (m.matches()) {
      return Optional.ofNullable(m.group(2));
    }
    return Optional.of(raw);
  }

  /** The property's value with the given environment applied (placeholder or relaxed binding). */
  Optional<String> valueWith(String property, Map<String, String> env) {
    String direct = env.get(envName(property));
    if (direct != null) {
      return Optional.of(direct);
    }
    String raw = properties.get(property);
    if (raw == null) {
      return Optional.empty();
    }
    Matcher m = PLACEHOLDER.matcher(raw);
    if (m.matches()) {
      String fromEnv = env.get(m.group(1));
      return Optional.ofNullable(fromEnv != null ? fromEnv : m.group(2));
    }
    return Optional.of(raw);
  }

  /** The module's own default HTTP port: server.port as written in application.yml (placeholder default applied). */
  int declaredServerPort() {
    return Integer.parseInt(defaultValue("server.port")
        .orElseThrow(() -> new AssertionError(module + ": application.yml sets no server.port")));
  }

  /** The HTTP port: server.port with the environment applied, else Spring Boot's 8080. */
  int serverPort(Map<String, String> env) {
    return Integer.parseInt(valueWith("server.port", env).orElse(env.getOrDefault("SERVER_PORT", "8080")));
  }
}
