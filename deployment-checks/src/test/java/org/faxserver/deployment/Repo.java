package org.faxserver.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The repository root and the files the checks read, found from the module's working directory. */
final class Repo {

  private Repo() {}

  static Path root() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("deployment-checks"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root (with docker-compose.yml) not found above " + dir);
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The module's application.yml, relative to the repository root. */
  static Path applicationYml(String module) {
    return path(module + "/src/main/resources/application.yml");
  }
}
