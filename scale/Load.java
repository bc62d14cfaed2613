import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of scale/run, as merchants' servers and shoppers' browsers make it, through HAProxy:
 * sessions, card payments through the hosted page (card form, 3-D Secure page, code), status
 * reads and refunds; and the merchant's webhook receiver. Run with {@code java scale/Load.java
 * key=value...}.
 *
 * <p>It writes what was acknowledged ({@code acks.csv}: kind, order id, value, epoch ms) so that
 * scale/run
 * can check each against the database, every webhook delivery as received ({@code receipts.csv}:
 * arrival number, webhook-id), every answer by kind ({@code answers.csv}) and any wrong answer in
 * full ({@code wrong.txt}). A wrong answer is anything but the expected one, a connection error, or
 * HAProxy's own 502/503/504 for a dead node. The load runs for {@code seconds}; the receiver keeps
 * answering until {@code out/stop} exists.
 */
public class Load {

  static final Pattern WEB_LINK = Pattern.compile("\"web\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern AUTHENTICATE =
      Pattern.compile("action=\"(/orders/[^\"]+/attempts/[0-9a-f]{32}/authenticate)\"");
  static final String CARD = "4111111111111111";
  static final String OTP = "123456";

  final String base;
  final String merchant;
  final String client;
  final String auth;
  final String run;
  final Path out;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  final AtomicBoolean stop = new AtomicBoolean();
  final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  final PrintWriter acks;
  final PrintWriter wrong;
  final PrintWriter receipts;
  final AtomicLong arrivals = new AtomicLong();

  Load(Map<String, String> args) throws IOException {
    base = args.get("url");
    merchant = args.get("merchant");
    client = args.get("client");
    auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((args.get("key") + ":").getBytes(StandardCharsets.UTF_8));
    run = args.get("run");
    out = Path.of(args.get("out"));
    Files.createDirectories(out);
    acks = writer("acks.csv");
    wrong = writer("wrong.txt");
    receipts = writer("receipts.csv");
  }

  PrintWriter writer(String name) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8));
  }

  public static void main(String... argv) throws Exception {
    Map<String, String> args = new TreeMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    Load load = new Load(args);
    HttpServer receiver = load.receiver(Integer.parseInt(args.get("receiver-port")));
    int threads = Integer.parseInt(args.getOrDefault("threads", "6"));
    long seconds = Long.parseLong(args.getOrDefault("seconds", "60"));
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> load.work(thread), "load-" + thread);
      worker.start();
      workers.add(worker);
    }
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(5000);
      System.out.printf("load: %s%n", load.summary());
    }
    load.stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    synchronized (load.acks) {
      load.acks.flush();
    }
    synchronized (load.wrong) {
      load.wrong.flush();
    }
    Files.writeString(load.out.resolve("answers.csv"), load.answersCsv());
    System.out.printf("load: done: %s%n", load.summary());
    Files.writeString(load.out.resolve("load-done"), "");
    // The receiver stays until scale/run has seen the outbox drain.
    while (!Files.exists(load.out.resolve("stop"))) {
      Thread.sleep(200);
    }
    receiver.stop(0);
    synchronized (load.receipts) {
      load.receipts.flush();
    }
    // The receiver's executor threads would keep the JVM alive.
    System.exit(0);
  }

  HttpServer receiver(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("webhook-id");
          synchronized (receipts) {
            receipts.println(arrivals.incrementAndGet() + "," + id);
            receipts.flush();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
    server.start();
    return server;
  }

  String summary() {
    return new TreeMap<>(answers).toString();
  }

  String answersCsv() {
    StringBuilder csv = new StringBuilder();
    new TreeMap<>(answers).forEach((k, v) -> csv.append(k).append(',').append(v).append('\n'));
    return csv.toString();
  }

  void count(String step, String outcome) {
    answers.computeIfAbsent(step + "," + outcome, k -> new LongAdder()).increment();
  }

  void ack(String kind, String orderId, String value) {
    synchronized (acks) {
      acks.println(kind + "," + orderId + "," + value + "," + System.currentTimeMillis());
    }
  }

  /** The outcome of one call: an answer, or the connection error (null response). */
  record Call(HttpResponse<String> response, String error) {
    int status() {
      return response == null ? -1 : response.statusCode();
    }

    String body() {
      return response == null ? "" : response.body();
    }

    String location() {
      return response == null ? "" : response.headers().firstValue("location").orElse("");
    }

    /** A dead node: no answer at all, or HAProxy answering for it. */
    boolean unavailable() {
      int s = status();
      return s == -1 || s == 502 || s == 503 || s == 504;
    }
  }

  Call send(HttpRequest.Builder request) {
    try {
      return new Call(
          http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()),
          null);
    } catch (IOException e) {
      return new Call(null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Call(null, e.toString());
    }
  }

  /**
   * Records the call's outcome under {@code step}: "ok" when {@code expected}, "unavailable" for a
   * dead node, else "wrong" with the whole answer in wrong.txt. Returns whether it was ok.
   */
  boolean judge(String step, String orderId, Call call, boolean expected) {
    if (expected) {
      count(step, "ok");
      return true;
    }
    if (call.unavailable()) {
      // HAProxy answers in HTML; a node's own 503 (database unreachable) is Juspay's JSON.
      String who = call.body().startsWith("{") ? "-node" : "";
      count(step, "unavailable-" + (call.status() == -1 ? "connection" : call.status() + who));
      return false;
    }
    count(step, "wrong");
    synchronized (wrong) {
      wrong.printf(
          "%s %s: HTTP %d location=%s%n%s%n%n",
          step, orderId, call.status(), call.location(), call.body());
      wrong.flush();
    }
    return false;
  }

  void work(int thread) {
    for (int n = 1; !stop.get(); n++) {
      String orderId = run + "-" + thread + "-" + n;
      String customer = "cust-" + thread + "-" + (n % 40);
      String amount = (10 + n % 90) + ".00";
      String page = session(orderId, customer, amount);
      if (page == null) {
        continue;
      }
      boolean paid = pay(orderId, page);
      status(orderId, customer, paid);
      if (paid && n % 3 == 0) {
        refund(orderId, customer);
      }
    }
  }

  /** POST /session, retried on a dead node (a repeated session re-opens the same order). */
  String session(String orderId, String customer, String amount) {
    String body =
        "{\"order_id\":\""
            + orderId
            + "\",\"amount\":\""
            + amount
            + "\",\"customer_id\":\""
            + customer
            + "\",\"customer_email\":\"test@mail.com\",\"customer_phone\":\"9876543210\","
            + "\"payment_page_client_id\":\""
            + client
            + "\",\"action\":\"paymentPage\",\"return_url\":\"https://shop.merchant.com\","
            + "\"description\":\"Complete your payment\",\"first_name\":\"John\"}";
    for (int attempt = 1; attempt <= 20 && !stop.get(); attempt++) {
      Call call =
          send(
              HttpRequest.newBuilder(URI.create(base + "/session"))
                  .header("Authorization", auth)
                  .header("x-merchantid", merchant)
                  .header("x-routing-id", customer)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      Matcher link = WEB_LINK.matcher(call.body());
      boolean ok =
          call.status() == 200 && call.body().contains("\"" + orderId + "\"") && link.find();
      if (judge("session", orderId, call, ok)) {
        String path = URI.create(link.group(1)).getPath();
        // The public id is the path segment after /orders/.
        String id = path.split("/")[2];
        ack("session", orderId, id + ";" + amount);
        return path;
      }
      if (!call.unavailable()) {
        return null;
      }
      pause(250);
    }
    return null;
  }

  /** Card form, 3-D Secure page, code: as a browser, each step through HAProxy. */
  boolean pay(String orderId, String page) {
    YearMonth expiry = YearMonth.now().plusYears(3);
    String form =
        "card_number="
            + CARD
            + "&name_on_card="
            + enc("Asha Rao")
            + "&card_exp="
            + enc(String.format("%02d/%02d", expiry.getMonthValue(), expiry.getYear() % 100))
            + "&card_cvv=123";
    Call card =
        send(
            HttpRequest.newBuilder(URI.create(base + page + "/card"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    String attempt = URI.create(card.location().isEmpty() ? "/" : card.location()).getPath();
    if (!judge(
        "pay-card-form",
        orderId,
        card,
        card.status() == 303 && attempt.startsWith(page + "/attempts/"))) {
      return false;
    }
    Call challenge = send(HttpRequest.newBuilder(URI.create(base + attempt)).GET());
    Matcher action = AUTHENTICATE.matcher(challenge.body());
    if (!judge("pay-3ds-page", orderId, challenge, challenge.status() == 200 && action.find())) {
      return false;
    }
    Call done =
        send(
            HttpRequest.newBuilder(URI.create(base + action.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + OTP)));
    if (done.status() == 303 && URI.create(done.location()).getPath().equals(attempt)) {
      // The gateway answered but the node could not store it (database down): the page sends the
      // shopper back to the attempt, which asks the gateway again. A browser follows it.
      count("pay-3ds-code", "unconfirmed-follow");
      done = send(HttpRequest.newBuilder(URI.create(base + attempt)).GET());
      if (done.status() == 200) {
        // Still not known: the page says so and the reconciliation job settles it later.
        count("pay-3ds-code", "unconfirmed-page");
        return false;
      }
    }
    String redirect = done.location();
    boolean charged =
        done.status() == 303
            && redirect.startsWith("https://shop.merchant.com")
            && redirect.contains("order_id=" + orderId + "&")
            && redirect.contains("status=CHARGED");
    if (judge("pay-3ds-code", orderId, done, charged)) {
      ack("payment", orderId, "CHARGED");
      return true;
    }
    return false;
  }

  /** GET /orders/{order_id}: the order, and CHARGED once its payment was acknowledged. */
  void status(String orderId, String customer, boolean paid) {
    Call call =
        send(
            HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId))
                .header("Authorization", auth)
                .header("x-merchantid", merchant)
                .header("x-routing-id", customer)
                .GET());
    boolean ok =
        call.status() == 200
            && call.body().contains("\"order_id\":\"" + orderId + "\"")
            && (!paid || call.body().contains("\"status\":\"CHARGED\""));
    judge("status", orderId, call, ok);
  }

  /** A refund of 1.00 with a unique_request_id of our own; acknowledged by its 200. */
  void refund(String orderId, String customer) {
    String requestId = "rf" + orderId;
    Call call =
        send(
            HttpRequest.newBuilder(URI.create(base + "/orders/" + orderId + "/refunds"))
                .header("Authorization", auth)
                .header("x-merchantid", merchant)
                .header("x-routing-id", customer)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "unique_request_id=" + requestId + "&amount=1.00")));
    boolean ok = call.status() == 200 && call.body().contains("\"" + requestId + "\"");
    if (judge("refund", orderId, call, ok)) {
      ack("refund", orderId, requestId + ";1.00");
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
