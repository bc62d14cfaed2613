package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BodyStreamTest {

  /** Hands out at most a few bytes per read, as a network stream may. */
  private static InputStream trickling(byte[] bytes, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  @Property
  void readsWhatInputStreamReads(
      @ForAll @IntRange(min = 0, max = 70_000) int size,
      @ForAll @IntRange(min = 0, max = 70_000) int limit,
      @ForAll @IntRange(min = 1, max = 5000) int chunk)
      throws IOException {
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    byte[] expected = new ByteArrayInputStream(body).readNBytes(limit);
    assertThat(new BodyStream(trickling(body, chunk)).readNBytes(limit)).isEqualTo(expected);
  }
}
