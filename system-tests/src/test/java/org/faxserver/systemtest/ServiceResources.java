package org.faxserver.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every service jar has its own {@code application.yml} and (api-service, fax-queue) its own
 * {@code db/migration/V1__*.sql} at the same classpath path. On one classpath {@code classpath:application.yml}
 * would be the first jar's file for every service, and Flyway would see both V1 migrations. So each
 * service's files are copied out of its own jar (or classes directory) into a directory of its own, and the
 * service is started with {@code spring.config.location} / {@code spring.flyway.locations} pointing there.
 */
final class ServiceResources {

  private final Path config;
  private final Path migrations;

  private ServiceResources(Path config, Path migrations) {
    this.config = config;
    this.migrations = migrations;
  }

  /** The service's {@code application.yml} as a {@code file:} location. */
  String configLocation() {
    return "file:" + config.toAbsolutePath();
  }

  /** The service's migrations as a {@code filesystem:} Flyway location. */
  String flywayLocation() {
    return "filesystem:" + migrations.toAbsolutePath();
  }

  static ServiceResources extract(Class<?> application, Path into) {
    try {
      Path source = Path.of(application.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = Files.createDirectories(into.resolve(application.getSimpleName()));
      Path migrations = Files.createDirectories(dir.resolve("migration"));
      Path config = dir.resolve("application.yml");
      if (Files.isDirectory(source)) {
        Files.copy(source.resolve("application.yml"), config, StandardCopyOption.REPLACE_EXISTING);
        Path db = source.resolve("db/migration");
        if (Files.isDirectory(db)) {
          try (Stream<Path> files = Files.list(db)) {
            for (Path f : files.toList()) {
              Files.copy(f, migrations.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(source.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            String name = e.getName();
            Path target = null;
            if (name.equals("application.yml") || name.equals("BOOT-INF/classes/application.yml")) {
              target = config;
            } else if (!e.isDirectory() && (name.startsWith("db/migration/") || name.startsWith("BOOT-INF/classes/db/migration/"))) {
              target = migrations.resolve(name.substring(name.lastIndexOf('/') + 1));
            }
            if (target != null) {
              try (InputStream in = jar.getInputStream(e)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
              }
            }
          }
        }
      }
      if (!Files.exists(config)) {
        throw new IllegalStateException("no application.yml in " + source);
      }
      return new ServiceResources(config, migrations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
