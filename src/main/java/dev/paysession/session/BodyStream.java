package dev.paysession.session;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The request body for {@code JsonBodies}, whose limited read asks for {@code readNBytes(limit +
 * 1)}: {@link InputStream}'s own implementation starts with an 8 KiB buffer whatever the body's
 * size, which made a quarter of all bytes allocated per {@code POST /session}. This one grows from
 * 1 KiB, so a typical body costs one small buffer and one exact copy.
 */
final class BodyStream extends FilterInputStream {

  private static final int INITIAL_BUFFER = 1024;

  BodyStream(InputStream body) {
    super(body);
  }

  @Override
  public byte[] readNBytes(int len) throws IOException {
    byte[] buffer = new byte[Math.min(len, INITIAL_BUFFER)];
    int filled = 0;
    while (filled < len) {
      if (filled == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(len, buffer.length * 2L));
      }
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        break;
      }
      filled += read;
    }
    return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
  }
}
