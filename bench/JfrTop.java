import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU goes, from a JFR recording's execution samples: {@code java
 * bench/JfrTop.java recording.jfr}. Prints the share of samples per thread group, per stage of
 * the {@code POST /session} path (a sample counts for every stage on its stack), and the hottest
 * frames. JFR samples only threads running Java code, so time spent waiting for PostgreSQL shows
 * up in none of these numbers: bench/run's CPU-per-request figures cover that side.
 */
public class JfrTop {

  /** Stages of the request path, matched against "class.method" of any frame on the stack. */
  private static final Map<String, String> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("HTTP + REST dispatch (all of a request)", "org.jboss.resteasy.reactive.server.handlers");
    STAGES.put("  authenticate (API-key lookup + HMAC)", "MerchantAuthenticator.authenticate");
    STAGES.put("  read + parse JSON body", "JsonBodies.readObject");
    STAGES.put("  session rules (validation)", "SessionRules.parse");
    STAGES.put("  order store (JDBC, commit wait excluded)", "dev.paysession.order.");
    STAGES.put("  build response map", "SessionService.response");
    STAGES.put("  write JSON response", "org.jboss.resteasy.reactive.server.providers.serialisers");
    STAGES.put("pgjdbc (any caller)", "org.postgresql.");
    STAGES.put("agroal pool (any caller)", "io.agroal.");
    STAGES.put("Jackson (any caller)", "com.fasterxml.jackson.");
    STAGES.put("crypto: HMAC/SHA/random (any caller)", "sun.security.");
    STAGES.put("Netty/Vert.x I/O", "io.netty.");
    STAGES.put("logging", "org.jboss.logmanager.");
    STAGES.put("micrometer", "io.micrometer.");
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byStage = new LinkedHashMap<>();
    Map<String, Integer> selfFrames = new HashMap<>();
    Map<String, Integer> appInclusive = new HashMap<>();
    Map<String, Integer> allocatedByStage = new LinkedHashMap<>();
    Map<String, Integer> allocatedByFrame = new HashMap<>();
    long allocatedTotal = 0;
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (event.getEventType().getName().equals("jdk.ObjectAllocationSample")
          && event.getStackTrace() != null) {
        // Weight: bytes allocated since the previous sample, attributed to this stack (in KiB).
        int kib = (int) Math.min(Integer.MAX_VALUE, event.getLong("weight") / 1024);
        allocatedTotal += kib;
        List<String> names = new ArrayList<>();
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
          names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
        }
        for (Map.Entry<String, String> stage : STAGES.entrySet()) {
          if (names.stream().anyMatch(n -> n.contains(stage.getValue()))) {
            allocatedByStage.merge(stage.getKey(), kib, Integer::sum);
          }
        }
        names.stream()
            .filter(n -> n.startsWith("dev.paysession.") && !n.contains("ClientProxy"))
            .findFirst()
            .ifPresent(n -> allocatedByFrame.merge(n, kib, Integer::sum));
        continue;
      }
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      String thread = event.getThread("sampledThread").getJavaName();
      byThread.merge(threadGroup(thread), 1, Integer::sum);
      List<String> names = new ArrayList<>();
      for (RecordedFrame frame : stack.getFrames()) {
        names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
      }
      selfFrames.merge(names.get(0), 1, Integer::sum);
      for (Map.Entry<String, String> stage : STAGES.entrySet()) {
        if (names.stream().anyMatch(n -> n.contains(stage.getValue()))) {
          byStage.merge(stage.getKey(), 1, Integer::sum);
        }
      }
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        if (name.startsWith("dev.paysession.") && seen.add(name)) {
          appInclusive.merge(name, 1, Integer::sum);
        }
      }
    }
    System.out.printf("execution samples: %d%n%n", samples);
    print("by thread", byThread, samples, 10);
    print("by stage (inclusive)", byStage, samples, 100);
    print("hottest frames (self)", selfFrames, samples, 20);
    print("paysession methods (inclusive)", appInclusive, samples, 20);
    System.out.printf("allocation samples: %d MiB in total%n%n", allocatedTotal / 1024);
    print("allocation by stage (inclusive)", allocatedByStage, (int) allocatedTotal, 100);
    print("allocation by innermost paysession frame", allocatedByFrame, (int) allocatedTotal, 15);
  }

  private static String threadGroup(String name) {
    return name.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
  }

  private static void print(String title, Map<String, Integer> counts, int total, int limit) {
    System.out.println(title + ":");
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    if (!title.contains("by stage")) {
      entries.sort((a, b) -> b.getValue() - a.getValue());
    }
    entries.stream()
        .limit(limit)
        .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    System.out.println();
  }
}
