package dev.paysession.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} refuses to send: raw
 * header bytes (UTF-8, control characters), malformed request lines, bodies shorter than declared,
 * requests sent a byte at a time. One instance is one connection.
 */
final class RawHttp implements AutoCloseable {

  /** A parsed answer, or {@link #NONE} when the server closed the connection without one. */
  record Response(int status, Map<String, String> headers, byte[] body, long millis) {

    static final Response NONE = new Response(-1, Map.of(), new byte[0], 0);

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String text = bodyText();
      return status
          + " "
          + headers
          + " "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text)
          + " ("
          + millis
          + " ms)";
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(PackagedServer server) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setTcpNoDelay(true);
      return new RawHttp(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One request on a fresh connection: send, read the answer within {@code timeout}, close. */
  static Response exchange(PackagedServer server, byte[] request, Duration timeout)
      throws IOException {
    try (RawHttp http = connect(server)) {
      http.send(request);
      return http.read(timeout);
    }
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads one response. Throws {@link SocketTimeoutException} if none is complete within {@code
   * timeout}: for these tests, a hang.
   */
  Response read(Duration timeout) throws IOException {
    return read(timeout, true);
  }

  /** Reads the next response head and body, a {@code 100 Continue} included. */
  Response readInterim(Duration timeout) throws IOException {
    return read(timeout, false);
  }

  private Response read(Duration timeout, boolean skipContinue) throws IOException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String head = readHead(deadline);
    if (head == null) {
      return Response.NONE;
    }
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body;
    if (status == 100) {
      return skipContinue
          ? read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), true)
          : new Response(status, headers, new byte[0], (System.nanoTime() - start) / 1_000_000);
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = readChunked(deadline);
    } else if (headers.containsKey("content-length")) {
      body = readExactly(Integer.parseInt(headers.get("content-length")), deadline);
    } else {
      body = readToClose(deadline);
    }
    return new Response(status, headers, body, (System.nanoTime() - start) / 1_000_000);
  }

  /** True once the server has closed the connection (reads end-of-stream within {@code wait}). */
  boolean closedByServer(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        int b = readByte(deadline);
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private String readHead(long deadline) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = readByte(deadline);
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("connection closed inside the response head: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - 4);
  }

  private byte[] readExactly(int length, long deadline) throws IOException {
    byte[] body = new byte[length];
    for (int i = 0; i < length; i++) {
      int b = readByte(deadline);
      if (b < 0) {
        throw new IOException("connection closed after " + i + " of " + length + " body bytes");
      }
      body[i] = (byte) b;
    }
    return body;
  }

  private byte[] readChunked(long deadline) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(deadline);
      int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        while (!readLine(deadline).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.writeBytes(readExactly(size, deadline));
      readLine(deadline);
    }
  }

  private byte[] readToClose(long deadline) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int b = readByte(deadline); b >= 0; b = readByte(deadline)) {
      body.write(b);
    }
    return body.toByteArray();
  }

  private String readLine(long deadline) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = readByte(deadline); b != '\n'; b = readByte(deadline)) {
      if (b < 0) {
        throw new IOException("connection closed inside a chunked body");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private int readByte(long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("no complete response in time");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    return in.read();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
