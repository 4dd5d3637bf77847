package org.faxserver.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Entry point of the all-in-one mode ({@code java -jar standalone-*-exec.jar [--sandbox] [--key=value ...]}).
 * This root context holds only {@link Standalone}, which starts the embedded services and the service
 * contexts; it reads {@code standalone.yml} (not {@code application.yml}, which every service jar has) and
 * binds {@code faxserver.standalone.*}. See docs/standalone.md.
 */
@SpringBootConfiguration
@EnableConfigurationProperties(StandaloneProperties.class)
@Import(Standalone.class)
public class StandaloneApplication {

  public static void main(String[] args) {
    start(args);
  }

  /** Starts everything; closing the returned context stops everything. */
  public static ConfigurableApplicationContext start(String... args) {
    List<String> all = new ArrayList<>();
    for (String a : args) {
      all.add(a.equals("--sandbox") ? "--faxserver.standalone.sandbox=true" : a);
    }
    return new SpringApplicationBuilder(StandaloneApplication.class)
        .web(WebApplicationType.NONE)
        .properties(Map.of("spring.config.name", "standalone"))
        .run(all.toArray(String[]::new));
  }
}
