package org.faxserver.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Every service jar has its own {@code application.yml} and (api-service, fax-queue) its own
 * {@code db/migration/V1__*.sql} at the same classpath path; on one classpath each service would read the
 * first jar's {@code application.yml} and Flyway would see every service's migrations. So each service's
 * files are copied out of its own jar (or classes directory, when run from the build) into a directory of
 * its own, and the service is started with {@code spring.config.location} and {@code spring.flyway.locations}
 * pointing there (system-tests start the services the same way). Works inside the executable jar too (nested jar URLs open as {@link JarURLConnection}).
 */
public record ServiceResources(Path config, Path migrations) {

  /** The service's {@code application.yml} as a {@code file:} location. */
  public String configLocation() {
    return "file:" + config.toAbsolutePath();
  }

  /** The service's migrations as a {@code filesystem:} Flyway location. */
  public String flywayLocation() {
    return "filesystem:" + migrations.toAbsolutePath();
  }

  public static ServiceResources extract(Class<?> application, Path into) {
    try {
      Path dir = into.resolve(application.getSimpleName());
      if (Files.exists(dir)) {
        FileSystemUtils.deleteRecursively(dir);
      }
      Path migrations = Files.createDirectories(dir.resolve("migration"));
      Path config = dir.resolve("application.yml");
      String classFile = application.getName().replace('.', '/') + ".class";
      URL classUrl = application.getClassLoader().getResource(classFile);
      if (classUrl == null) {
        throw new IllegalStateException("cannot locate " + classFile);
      }
      String base = classUrl.toString().substring(0, classUrl.toString().length() - classFile.length());
      if (base.startsWith("file:")) {
        Path root = Path.of(new URI(base));
        Files.copy(root.resolve("application.yml"), config, StandardCopyOption.REPLACE_EXISTING);
        Path db = root.resolve("db/migration");
        if (Files.isDirectory(db)) {
          try (Stream<Path> files = Files.list(db)) {
            for (Path f : files.toList()) {
              Files.copy(f, migrations.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        URLConnection connection = new URL(base).openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
          throw new IllegalStateException("cannot read the resources of " + application.getName() + " from " + base);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            String name = e.getName();
            Path target = null;
            if (name.equals("application.yml")) {
              target = config;
            } else if (!e.isDirectory() && name.startsWith("db/migration/")) {
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
        throw new IllegalStateException("no application.yml beside " + application.getName() + " (" + base + ")");
      }
      return new ServiceResources(config, migrations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
