package org.faxserver.standalone;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Registered in api-service's context as bean {@code services}, so api-service's {@code /actuator/health}
 * also shows the health of the other services running in this JVM (their contexts serve no HTTP), e.g.
 * esl-gateway's {@code freeSwitch} component, DOWN while FreeSWITCH cannot be reached.
 */
final class ServicesHealthContributor implements CompositeHealthContributor {

  private final Map<String, ConfigurableApplicationContext> contexts;

  /** @param contexts the other services' contexts by service name; filled as they start */
  ServicesHealthContributor(Map<String, ConfigurableApplicationContext> contexts) {
    this.contexts = contexts;
  }

  @Override
  public HealthContributor getContributor(String name) {
    ConfigurableApplicationContext ctx = contexts.get(name);
    return ctx == null || !ctx.isActive() ? null : of(ctx);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    List<NamedContributor<HealthContributor>> all = new java.util.ArrayList<>();
    contexts.forEach((name, ctx) -> {
      if (ctx.isActive()) {
        all.add(NamedContributor.of(name, of(ctx)));
      }
    });
    return all.iterator();
  }

  private static HealthContributor of(ConfigurableApplicationContext ctx) {
    Map<String, HealthContributor> byName = new LinkedHashMap<>();
    ctx.getBeansOfType(HealthContributor.class).forEach((bean, contributor) -> byName.put(shortName(bean), contributor));
    return CompositeHealthContributor.fromMap(byName);
  }

  private static String shortName(String bean) {
    for (String suffix : List.of("HealthIndicator", "HealthContributor")) {
      if (bean.length() > suffix.length() && bean.endsWith(suffix)) {
        return bean.substring(0, bean.length() - suffix.length());
      }
    }
    return bean;
  }
}
