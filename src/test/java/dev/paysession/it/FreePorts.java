package dev.paysession.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP ports for child processes (the packaged server, PostgreSQL) that bind them a moment later.
 *
 * <p>{@code new ServerSocket(0)} hands out a port from the kernel's ephemeral range, and the same
 * range supplies the local port of every outgoing connection. Between closing the probe socket and
 * the child's bind, a JDBC connection or an HTTP client could take that port: CI once failed with
 * "Port already bound" that way. A port below the ephemeral range is never handed out implicitly,
 * so only another process that names it explicitly can collide, and this class never hands the same
 * port out twice in one test JVM.
 */
final class FreePorts {

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port that is free now and outside the ephemeral range when the range is known. */
  static int next() {
    int ceiling = ephemeralRangeStart();
    if (ceiling - LOWEST < 1_000) {
      return kernelChosen();
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
      if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    return kernelChosen();
  }

  private static int ephemeralRangeStart() {
    try {
      return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0; // not Linux, or not readable: fall back to the kernel's choice
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int kernelChosen() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free TCP port", e);
    }
  }
}
