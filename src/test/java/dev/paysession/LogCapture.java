package dev.paysession;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every record the root logger handles during a test, as text with any stack trace: the server runs
 * in the test's JVM, so this is what its log would hold. Register with {@code @RegisterExtension
 * final LogCapture log = new LogCapture();}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

  /** One record: its text, and the MDC entries it was written with. */
  public record Entry(String text, Map<String, String> mdc) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder text =
              new StringBuilder(
                  record instanceof ExtLogRecord ext
                      ? String.valueOf(ext.getFormattedMessage())
                      : String.valueOf(record.getMessage()));
          if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
          }
          Map<String, String> mdc =
              record instanceof ExtLogRecord ext ? Map.copyOf(ext.getMdcCopy()) : Map.of();
          entries.add(new Entry(text.toString(), mdc));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @Override
  public void beforeEach(ExtensionContext context) {
    entries.clear();
    handler.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(handler);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Logger.getLogger("").removeHandler(handler);
  }

  /** What was logged so far in this test. */
  public List<String> lines() {
    return entries.stream().map(Entry::text).toList();
  }

  /** What was logged so far in this test, with each record's MDC. */
  public List<Entry> entries() {
    return new ArrayList<>(entries);
  }
}
