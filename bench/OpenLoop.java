import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load for {@code POST /session}, in the manner of wrk2: request i is due at start + i /
 * rate whatever the server does, and its latency is measured from that intended time, so a server
 * that stalls is charged for every request it held up (no coordinated omission). Up to {@code
 * connections} requests are in flight on keep-alive HTTP/1.1 connections; a request due while all
 * are busy waits for the next free one, and that wait counts as latency.
 *
 * <pre>
 *   java bench/OpenLoop.java url=http://127.0.0.1:8080 rate=1000 seconds=30 warmup=5 \
 *     connections=32 auth='Basic …' merchant=m client=c prefix=r1o0 out=/tmp/dir name=open
 * </pre>
 *
 * Writes {@code <out>/<name>.percentiles}, {@code <name>.summary} (the format of bench/report.lua)
 * and {@code <name>-acked-0.txt}, the order_id of every 200.
 */
public class OpenLoop {

  private static final String TEMPLATE =
      "{\"order_id\":\"%s\",\"amount\":\"1.0\",\"customer_id\":\"testing-customer-one\","
          + "\"customer_email\":\"test@mail.com\",\"customer_phone\":\"9876543210\","
          + "\"payment_page_client_id\":\"%s\",\"action\":\"paymentPage\","
          + "\"return_url\":\"https://shop.merchant.com\",\"description\":\"Complete your"
          + " payment\",\"first_name\":\"John\",\"last_name\":\"wick\","
          + "\"metadata.JUSPAY:gateway_reference_id\":\"Merchant_test\"}";

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    URI uri = URI.create(opts.get("url"));
    double rate = Double.parseDouble(opts.get("rate"));
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "30"));
    double warmupSeconds = Double.parseDouble(opts.getOrDefault("warmup", "5"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
    Path out = Path.of(opts.get("out"));
    String name = opts.getOrDefault("name", "open");
    String prefix = opts.get("prefix");
    String head =
        "POST /session HTTP/1.1\r\nHost: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\nAuthorization: "
            + opts.get("auth")
            + "\r\nx-merchantid: "
            + opts.get("merchant")
            + "\r\nx-routing-id: testing-customer-one\r\nContent-Type: application/json\r\n";

    int warm = (int) Math.round(rate * warmupSeconds);
    int total = warm + (int) Math.round(rate * seconds);
    long[] latency = new long[total];
    int[] status = new int[total];
    double periodNanos = 1e9 / rate;
    long start = System.nanoTime() + 100_000_000L;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger socketErrors = new AtomicInteger();
    AtomicLong maxLag = new AtomicLong();

    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread thread =
          new Thread(
              () -> {
                Connection connection = null;
                for (int i; (i = next.getAndIncrement()) < total; ) {
                  long intended = start + (long) (i * periodNanos);
                  long now;
                  while ((now = System.nanoTime()) < intended) {
                    LockSupport.parkNanos(intended - now);
                  }
                  if (i >= warm) {
                    maxLag.accumulateAndGet(now - intended, Math::max);
                  }
                  byte[] body =
                      String.format(TEMPLATE, prefix + "-" + i, opts.get("client"))
                          .getBytes(StandardCharsets.UTF_8);
                  try {
                    if (connection == null) {
                      connection = new Connection(uri.getHost(), uri.getPort());
                    }
                    status[i] = connection.post(head, body);
                    if (connection.closed) {
                      connection.close();
                      connection = null;
                    }
                  } catch (IOException e) {
                    socketErrors.incrementAndGet();
                    if (connection != null) {
                      connection.close();
                      connection = null;
                    }
                  }
                  latency[i] = System.nanoTime() - intended;
                }
                if (connection != null) {
                  connection.close();
                }
              },
              "open-loop-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long sendEnd = System.nanoTime();

    int measured = total - warm;
    long[] sorted = Arrays.copyOfRange(latency, warm, total);
    Arrays.sort(sorted);
    int ok = 0;
    int okMeasured = 0;
    int non200 = 0;
    try (PrintWriter acks =
        new PrintWriter(Files.newBufferedWriter(out.resolve(name + "-acked-0.txt")))) {
      for (int i = 0; i < total; i++) {
        if (status[i] == 200) {
          acks.println(prefix + "-" + i);
          ok++;
          okMeasured += i >= warm ? 1 : 0;
        } else if (status[i] != 0 && i >= warm) {
          non200++;
        }
      }
    }
    try (PrintWriter pct =
        new PrintWriter(Files.newBufferedWriter(out.resolve(name + ".percentiles")))) {
      for (double p :
          new double[] {
            0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97, 98, 99, 99.5, 99.8, 99.9, 99.95,
            99.99, 100
          }) {
        pct.printf(Locale.ROOT, "%s %.3f%n", fmt(p), millis(percentile(sorted, p)));
      }
    }
    try (PrintWriter summary =
        new PrintWriter(Files.newBufferedWriter(out.resolve(name + ".summary")))) {
      summary.printf(Locale.ROOT, "requests=%d%n", measured);
      summary.printf(Locale.ROOT, "duration_us=%d%n", (long) (seconds * 1e6));
      summary.printf(Locale.ROOT, "intended_rate=%.1f%n", rate);
      summary.printf(Locale.ROOT, "achieved_send_rate=%.1f%n", total / ((sendEnd - start) / 1e9));
      summary.printf(Locale.ROOT, "max_send_lag_ms=%.3f%n", maxLag.get() / 1e6);
      summary.printf(Locale.ROOT, "err_socket=%d%nerr_status=%d%n", socketErrors.get(), non200);
      summary.printf(Locale.ROOT, "ok_measured=%d%nacked_200=%d%n", okMeasured, ok);
      for (int p : new int[] {50, 90, 99}) {
        summary.printf(Locale.ROOT, "p%d_ms=%.3f%n", p, millis(percentile(sorted, p)));
      }
      summary.printf(Locale.ROOT, "p999_ms=%.3f%n", millis(percentile(sorted, 99.9)));
      summary.printf(Locale.ROOT, "max_ms=%.3f%n", millis(sorted[sorted.length - 1]));
    }
  }

  /** One keep-alive HTTP/1.1 connection; enough of the protocol for Quarkus's answers. */
  private static final class Connection {
    private final Socket socket;
    private final OutputStream output;
    private final InputStream input;
    boolean closed;

    Connection(String host, int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      output = socket.getOutputStream();
      input = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    int post(String head, byte[] body) throws IOException {
      output.write(
          (head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      output.write(body);
      output.flush();
      String statusLine = line();
      int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
      long length = -1;
      boolean chunked = false;
      for (String header; !(header = line()).isEmpty(); ) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          closed = true;
        }
      }
      if (chunked) {
        for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
          skip(size);
          line();
        }
        while (!line().isEmpty()) {} // trailers
      } else if (length >= 0) {
        skip(length);
      } else {
        closed = true; // body until close: not used by Quarkus, but never misread a response
      }
      return status;
    }

    private String line() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      for (int b; (b = input.read()) != '\n'; ) {
        if (b < 0) {
          throw new IOException("connection closed");
        }
        if (b != '\r') {
          bytes.write(b);
        }
      }
      return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long skipped = input.skip(n);
        if (skipped <= 0) {
          if (input.read() < 0) {
            throw new IOException("connection closed");
          }
          skipped = 1;
        }
        n -= skipped;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static String fmt(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
  }
}
