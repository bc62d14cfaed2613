package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to
 * Selenium, so Selenium Manager never looks for (or downloads) a browser or a driver.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Dimension DESKTOP = new Dimension(1280, 900);

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private final Path screenshots;
  private final List<String> console = new ArrayList<>();

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Path shots) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
    this.screenshots = shots;
  }

  /**
   * Starts Chromium, or skips the calling test class when it is not installed; in CI ({@code
   * CI=true}) a missing browser fails instead: {@code .ci/run} installs it, so its absence there is
   * a bug.
   */
  static Browser startOrSkip() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      String why =
          CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt: chromium chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail("Browser tests cannot run in CI: " + why);
      }
      // Surefire counts a class aborted in @BeforeAll as zero tests: say so in the log.
      System.err.println("Browser tests skipped: " + why);
      Assumptions.abort("Browser tests skipped: " + why);
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("paysession-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
    // Console messages, CSP violations among them, are read back through chromedriver's log.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.close();
      deleteTree(profile);
      throw e;
    }
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Path shots =
        Boolean.getBoolean("paysession.screenshots")
            ? Path.of(System.getProperty("paysession.screenshots.dir", "docs/images"))
            : null;
    return new Browser(driver, service, profile, shots);
  }

  WebDriver driver() {
    return driver;
  }

  /** A Chrome DevTools command (device emulation: user agent, colour scheme). */
  void cdp(String command, java.util.Map<String, Object> parameters) {
    driver.executeCdpCommand(command, parameters);
  }

  void open(String url) {
    driver.get(url);
  }

  String url() {
    return driver.getCurrentUrl();
  }

  String title() {
    return driver.getTitle();
  }

  /** The visible text of the whole page, as a user reads it. */
  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String heading() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  /** Waits for {@code condition}; a timeout says where the browser was and what it showed. */
  void until(Duration timeout, String what, ExpectedCondition<?> condition) {
    new WebDriverWait(driver, timeout, Duration.ofMillis(100))
        .withMessage(() -> what + "; at " + driver.getCurrentUrl() + " showing:\n" + safeText())
        .until(condition);
  }

  private String safeText() {
    try {
      return text();
    } catch (WebDriverException e) {
      return "(unreadable: " + e.getClass().getSimpleName() + ")";
    }
  }

  /**
   * Clicks {@code element} (a submit button or link) and waits until the page it was on is gone.
   * While Chrome swaps documents, chromedriver may answer with an "unknown error" instead of a
   * stale-element error: that means "not yet".
   */
  void clickAndAwaitNextPage(WebElement element, Duration timeout) {
    element.click();
    until(
        timeout,
        "the page after the click",
        d -> {
          try {
            element.isEnabled();
            return false;
          } catch (StaleElementReferenceException e) {
            return true;
          } catch (WebDriverException e) {
            return false;
          }
        });
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  /** The layout viewport's width in CSS pixels. */
  long viewportWidth() {
    return ((Number) script("return document.documentElement.clientWidth")).longValue();
  }

  /** How far the page is wider than its viewport (0: no horizontal scrolling). */
  long horizontalOverflow() {
    return ((Number)
            script(
                "const d = document.documentElement;"
                    + " return Math.max(d.scrollWidth, document.body.scrollWidth) - d.clientWidth;"))
        .longValue();
  }

  /**
   * Console messages since the last call, kept for {@link #consoleSoFar}. Chrome reports every
   * Content-Security-Policy violation there ("Refused to ... because it violates ...").
   */
  List<String> drainConsole() {
    List<String> fresh = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      fresh.add(entry.getLevel() + " " + entry.getMessage());
    }
    console.addAll(fresh);
    return fresh;
  }

  List<String> consoleSoFar() {
    return List.copyOf(console);
  }

  /** Fails when the console holds a Content-Security-Policy violation. */
  void assertNoCspViolations() {
    assertThat(drainConsole())
        .as("the page must work under its own Content-Security-Policy")
        .noneMatch(Browser::isCspViolation);
  }

  static boolean isCspViolation(String message) {
    return message.contains("Content Security Policy") || message.contains("Refused to");
  }

  /**
   * With {@code -Dpaysession.screenshots=true}: the whole page (the window grown to the document's
   * height) as {@code docs/images/payment-page-<name>.png}. Otherwise nothing.
   */
  void screenshot(String name) {
    if (screenshots == null) {
      return;
    }
    Dimension before = driver.manage().window().getSize();
    long chrome = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
    long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
    resize(new Dimension(before.getWidth(), (int) (height + chrome)));
    try {
      save(name);
    } finally {
      resize(before);
    }
  }

  /**
   * Like {@link #screenshot} but only what the window shows: on a phone the sheet is at least as
   * tall as the screen ({@code 100vh}), so growing the window would only grow the page.
   */
  void screenshotOfWindow(String name) {
    if (screenshots != null) {
      save(name);
    }
  }

  private void save(String name) {
    try {
      File png = driver.getScreenshotAs(OutputType.FILE);
      Files.createDirectories(screenshots);
      Files.copy(
          png.toPath(),
          screenshots.resolve("payment-page-" + name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + dir + ": " + e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.close();
      deleteTree(profile);
    }
  }
}
