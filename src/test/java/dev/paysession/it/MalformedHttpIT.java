package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests broken at the HTTP level, sent byte for byte. Everything that reaches a route is refused
 * in the JSON envelope. What the HTTP codec rejects before any route runs gets Vert.x's empty
 * answer and a closed connection: docs/reliability.md explains why that cannot be JSON in Quarkus
 * 3.33, and this test pins exactly that behaviour so a change shows up. Nothing is a 5xx, nothing
 * hangs, and the server is healthy afterwards.
 */
class MalformedHttpIT {

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  private static Path dataDir;
  private static PackagedServer server;
  private static String apiKey;

  private record Case(String name, int status, byte[] request) {
    static Case of(String name, int status, String request) {
      return new Case(name, status, request.getBytes(StandardCharsets.UTF_8));
    }
  }

  @BeforeAll
  static void startServer() {
    dataDir = PackagedServer.newDataDir("malformed");
    server = PackagedServer.start(dataDir);
    apiKey = server.printedApiKey().orElseThrow();
  }

  @AfterAll
  static void checkHealthAndStop() throws Exception {
    try {
      if (server != null) {
        assertThat(Sessions.demo(server, apiKey).createOrFail("malformed-after", "1.00").status())
            .isEqualTo(200);
        assertThat(server.output()).doesNotContain("Unhandled failure");
      }
    } finally {
      if (server != null) {
        server.close();
      }
      PackagedServer.deleteDataDir(dataDir);
    }
  }

  @Test
  void whatReachesARouteIsRefusedInTheEnvelope() throws Exception {
    String auth = "Authorization: " + Sessions.basic(apiKey) + "\r\n";
    String session = "POST /session HTTP/1.1\r\nHost: localhost\r\n";
    String valid =
        Sessions.demo(server, apiKey)
            .readmeBody("malformed-" + System.nanoTime() % 1_000_000_000, "1.00")
            .toString();
    List<Case> cases =
        List.of(
            Case.of(
                "HTTP/1.1 without Host",
                400,
                "POST /session HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"),
            Case.of("a Host that is no host", 400, "POST /session HTTP/1.1\r\nHost: ^^^\r\n\r\n"),
            Case.of("bad escape in the path", 400, "POST /sess%ZZion HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of(
                "bad escape in the query", 400, "POST /session?a=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("NUL in the path", 400, "POST /sess\0ion HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("angle brackets in the path", 400, "GET /<script> HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of(
                "encoded NUL in the path", 400, "GET /orders/a%00b HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("asterisk form", 404, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("authority form", 404, "CONNECT localhost:443 HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of(
                "absolute form",
                401,
                "POST http://evil.example/session HTTP/1.1\r\nHost: x\r\n"
                    + "x-merchantid: paysession_demo\r\nContent-Length: 2\r\n\r\n{}"),
            Case.of("TRACE", 405, "TRACE /session HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("lower-case method", 405, "post /session HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of(
                "HTTP/1.0 without Host",
                400,
                "POST /session HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"),
            Case.of(
                "UTF-8 in headers",
                401,
                session
                    + "x-merchantid: paysession_demo\r\n"
                    + "Authorization: Basic 😀\r\nx-routing-id: Zürich\u202e\r\nContent-Length: 2\r\n\r\n{}"),
            new Case(
                "Latin-1 bytes in headers",
                401,
                bytes(
                    session + "x-merchantid: paysession_demo\r\n" + "Authorization: Basic ",
                    new byte[] {(byte) 0xff, (byte) 0xfe},
                    "\r\n\r\n")),
            Case.of(
                "two merchant ids",
                400,
                session
                    + auth
                    + "x-merchantid: paysession_demo\r\n"
                    + "x-merchantid: other\r\nContent-Length: 2\r\n\r\n{}"),
            Case.of(
                "two Authorization headers",
                400,
                session
                    + auth
                    + auth
                    + "x-merchantid: paysession_demo\r\nContent-Length: 2\r\n\r\n{}"),
            Case.of(
                "folded header line",
                401,
                session
                    + "x-merchantid: paysession_demo\r\n"
                    + "Authorization: Basic\r\n abc\r\nContent-Length: 2\r\n\r\n{}"),
            Case.of(
                "empty body declared",
                400,
                session + auth + "x-merchantid: paysession_demo\r\nContent-Length: 0\r\n\r\n"),
            Case.of(
                "body larger than declared",
                400,
                session
                    + auth
                    + "x-merchantid: paysession_demo\r\nContent-Length: 5\r\n\r\n{\"a\":1}"),
            Case.of(
                "2 MiB declared, not sent",
                413,
                session
                    + auth
                    + "x-merchantid: paysession_demo\r\nContent-Length: 2097152\r\n\r\n{"),
            Case.of(
                "chunked body over the limit",
                413,
                session
                    + auth
                    + "x-merchantid: paysession_demo\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "10000\r\n"
                    + "a".repeat(0x10000)
                    + "\r\n1\r\na\r\n0\r\n\r\n"),
            Case.of(
                "unknown transfer coding",
                400,
                session
                    + auth
                    + "x-merchantid: paysession_demo\r\nTransfer-Encoding: gzip\r\n\r\n{}"),
            Case.of(
                "text/plain",
                415,
                session
                    + auth
                    + "x-merchantid: paysession_demo\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: "
                    + valid.length()
                    + "\r\n\r\n"
                    + valid));
    List<String> problems = new ArrayList<>();
    for (Case c : cases) {
      RawHttp.Response response;
      try {
        response = RawHttp.exchange(server, c.request(), ANSWER_WITHIN);
      } catch (IOException e) {
        problems.add(c.name() + ": " + e);
        continue;
      }
      JsonNode json = Sessions.parse(response.bodyText());
      boolean ok =
          response.status() == c.status()
              && json.path("error_code").isTextual()
              && String.valueOf(response.header("content-type")).startsWith("application/json")
              && response.header("x-request-id") != null;
      if (!ok) {
        problems.add(c.name() + ": expected " + c.status() + " in the envelope, got " + response);
      }
    }
    System.out.printf(
        "MalformedHttpIT: %d of %d malformed requests refused in the JSON envelope%n",
        cases.size() - problems.size(), cases.size());
    assertThat(problems).isEmpty();
  }

  @Test
  void whatTheCodecRejectsGetsAnEmptyAnswerAndAClosedConnection() throws Exception {
    String session = "POST /session HTTP/1.1\r\nHost: localhost\r\n";
    StringBuilder manyHeaders = new StringBuilder(session);
    for (int i = 0; i < 1000; i++) {
      manyHeaders.append("x-h").append(i).append(": ").append("v".repeat(20)).append("\r\n");
    }
    List<Case> cases =
        List.of(
            Case.of(
                "request line over 4 KiB", 414, "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n"),
            Case.of(
                "one header over 20 KiB",
                431,
                session + "x-big: " + "b".repeat(30_000) + "\r\n\r\n"),
            Case.of("headers over 20 KiB", 431, manyHeaders + "\r\n"),
            Case.of("garbage request line", 400, "GARBAGE\r\n\r\n"),
            Case.of("tab in the URI", 400, "GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("no path", 400, "POST  HTTP/1.1\r\nHost: x\r\n\r\n"),
            Case.of("bare LF line ends", 400, "POST /session HTTP/1.1\nHost: x\n\n"),
            Case.of("Content-Length not a number", 400, session + "Content-Length: abc\r\n\r\n"),
            Case.of("negative Content-Length", 400, session + "Content-Length: -1\r\n\r\n"),
            Case.of(
                "two Content-Lengths",
                400,
                session + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
            Case.of(
                "Content-Length and chunked",
                400,
                session + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
            Case.of("header without a colon", 400, session + "no-colon\r\n\r\n"),
            Case.of("space before the colon", 400, session + "x-merchantid : a\r\n\r\n"),
            Case.of("illegal header name", 400, session + "x-a@b: c\r\n\r\n"),
            Case.of(
                "control character in a header", 400, session + "x-merchantid: a\u0001b\r\n\r\n"));
    List<String> problems = new ArrayList<>();
    for (Case c : cases) {
      try (RawHttp connection = RawHttp.connect(server)) {
        connection.send(c.request());
        RawHttp.Response response = connection.read(ANSWER_WITHIN);
        boolean closed = connection.closedByServer(ANSWER_WITHIN);
        if (response.status() != c.status() || response.body().length != 0 || !closed) {
          problems.add(
              c.name()
                  + ": expected an empty "
                  + c.status()
                  + " and a close, got "
                  + response
                  + (closed ? "" : ", connection left open"));
        }
      } catch (IOException e) {
        problems.add(c.name() + ": " + e);
      }
    }
    System.out.printf(
        "MalformedHttpIT: %d of %d requests rejected by the HTTP codec as documented"
            + " (empty body, connection closed)%n",
        cases.size() - problems.size(), cases.size());
    assertThat(problems).isEmpty();
  }

  /** A chunk that is not a chunk arrives after the request was routed: the connection just ends. */
  @Test
  void aBrokenChunkEndsTheConnectionPromptly() throws Exception {
    try (RawHttp connection = RawHttp.connect(server)) {
      connection.send(
          "POST /session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "2\r\n{}\r\nZZ\r\n");
      RawHttp.Response response = connection.read(ANSWER_WITHIN);
      assertThat(response.status() == -1 || response.status() == 400)
          .as("no answer or a 400: %s", response)
          .isTrue();
      assertThat(connection.closedByServer(ANSWER_WITHIN)).isTrue();
    }
  }

  @Test
  void expectContinueGetsAContinueAndThenTheOrder() throws Exception {
    String body =
        Sessions.demo(server, apiKey)
            .readmeBody("continue-" + System.nanoTime() % 1_000_000_000, "1.00")
            .toString();
    try (RawHttp connection = RawHttp.connect(server)) {
      connection.send(
          "POST /session HTTP/1.1\r\nHost: x\r\nAuthorization: "
              + Sessions.basic(apiKey)
              + "\r\nx-merchantid: paysession_demo\r\nContent-Type: application/json\r\n"
              + "Expect: 100-continue\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\n\r\n");
      RawHttp.Response interim = connection.readInterim(ANSWER_WITHIN);
      assertThat(interim.status()).isEqualTo(100);
      connection.send(body);
      RawHttp.Response response = connection.read(ANSWER_WITHIN);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
  }

  private static byte[] bytes(String before, byte[] raw, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + raw.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(raw, 0, all, a.length, raw.length);
    System.arraycopy(c, 0, all, a.length + raw.length, c.length);
    return all;
  }
}
