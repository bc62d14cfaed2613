package dev.paysession.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * npm packages the tests use (the official Juspay SDK, axe-core), each pinned by a {@code
 * package-lock.json} in its own folder. {@code .ci/run} installs them; a developer's {@code ./mvnw
 * verify} on a fresh machine installs them here, with the npm the machine has.
 */
final class NpmPackages {

  private NpmPackages() {}

  /** Runs {@code npm ci} in {@code folder} unless its {@code node_modules} is already there. */
  static Path installed(Path folder) {
    Path absolute = folder.toAbsolutePath();
    if (Files.isDirectory(absolute.resolve("node_modules"))) {
      return absolute;
    }
    run(absolute, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    return absolute;
  }

  /**
   * Runs {@code command} in {@code folder}, its output in the test log; fails on a non-zero exit.
   */
  static void run(Path folder, List<String> command, int timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " in " + folder + " took over " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(command + " in " + folder + " exited " + process.exitValue());
      }
    } catch (IOException e) {
      throw new AssertionError("Cannot run " + command + " (is Node.js installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
