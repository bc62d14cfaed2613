package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (pinned in {@code page-it/package-lock.json}) run in the page Chromium shows: WCAG 2.0
 * and 2.1, levels A and AA, and axe's best practices. Injected through chromedriver, which the
 * page's Content-Security-Policy does not govern (the page itself runs no script).
 */
final class Axe {

  /** The rule sets every page state must pass. */
  static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

  private final String source;

  private Axe(String source) {
    this.source = source;
  }

  static Axe load() {
    Path folder = NpmPackages.installed(Path.of("page-it"));
    try {
      return new Axe(Files.readString(folder.resolve("node_modules/axe-core/axe.min.js")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One axe violation: its rule, impact, and the elements it found. */
  record Violation(String rule, String impact, String help, List<String> targets) {
    @Override
    public String toString() {
      return rule + " (" + impact + "): " + help + " at " + targets;
    }
  }

  /** The violations on the page the browser shows now. */
  @SuppressWarnings("unchecked")
  List<Violation> violations(Browser browser) {
    browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    browser.script(source);
    Object result =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
                    + " resultTypes: ['violations']})"
                    + ".then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact,"
                    + " help: v.help, targets: v.nodes.map(n => n.target.join(' ') + ' '"
                    + " + (n.failureSummary || '').replace(/\\s+/g, ' '))}))))"
                    + ".catch(e => done([{rule: 'axe-error', impact: 'error', help: String(e),"
                    + " targets: []}]));",
                TAGS);
    List<Violation> violations = new ArrayList<>();
    for (Object item : (List<Object>) result) {
      Map<String, Object> v = (Map<String, Object>) item;
      violations.add(
          new Violation(
              (String) v.get("rule"),
              (String) v.get("impact"),
              (String) v.get("help"),
              (List<String>) v.get("targets")));
    }
    return violations;
  }

  /** Fails with axe's findings when the page shown now has any violation. */
  void assertNoViolations(Browser browser, String state) {
    assertThat(violations(browser))
        .as("axe on %s (%s, lang=%s)", state, browser.url(), lang(browser))
        .isEmpty();
  }

  private static String lang(Browser browser) {
    return String.valueOf(browser.script("return document.documentElement.lang"));
  }
}
