package dev.paysession.api;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids, keys and tokens. One {@link SecureRandom}: it is thread-safe. */
public final class RandomTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private RandomTokens() {}

  public static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** 32 lower-case hex characters (128 bits): Juspay's shape for ids and tokens. */
  public static String hex32() {
    return HEX.formatHex(bytes(16));
  }

  public static String upperHex(int byteCount) {
    return HEX.withUpperCase().formatHex(bytes(byteCount));
  }
}
