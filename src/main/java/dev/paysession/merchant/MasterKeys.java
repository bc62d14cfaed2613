package dev.paysession.merchant;

import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;
import dev.paysession.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys this installation knows: the current one, which seals, and previous ones, which
 * still open what was sealed before a rotation finished. Each has an id derived from the key (not
 * revealing it) that sealed values carry.
 *
 * <p>Where they come from, in order: {@code PAYSESSION_MASTER_KEY} (and {@code
 * PAYSESSION_PREVIOUS_MASTER_KEYS}); else a key file ({@code PAYSESSION_MASTER_KEY_FILE}, by
 * default {@code master-key} in the embedded database's data directory), owner-only, one base64 key
 * a line, the current one first; else, for an external database configured with neither, the
 * database itself, as earlier versions did (see {@link InstallationKeys}).
 */
record MasterKeys(Key current, List<Key> previous, Source source) {

  /** How the keys were configured; decides what a rotation can do. */
  enum Source {
    ENVIRONMENT,
    FILE,
    DATABASE
  }

  /** One master key and its id (the first 4 bytes of an HMAC of a fixed label under it). */
  record Key(byte[] bytes) {
    Key {
      if (bytes.length < 32) {
        throw new IllegalStateException("a master key must be base64 of at least 32 bytes");
      }
    }

    static Key parse(String base64, String where) {
      try {
        return new Key(Base64.getDecoder().decode(base64.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + " is not base64", e);
      }
    }

    static Key generate() {
      return new Key(RandomTokens.bytes(32));
    }

    byte[] id() {
      return Arrays.copyOf(hmac(bytes, "master-key-id"), 4);
    }

    String idHex() {
      return HexFormat.of().formatHex(id());
    }

    String base64() {
      return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String toString() {
      return "Key[" + idHex() + "]"; // never the key itself
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /** Current first, then the previous ones. */
  List<Key> all() {
    List<Key> keys = new ArrayList<>();
    keys.add(current);
    keys.addAll(previous);
    return keys;
  }

  static Optional<MasterKeys> fromEnvironment(Optional<Secret> current, Optional<Secret> previous) {
    Optional<Secret> configured = current.filter(key -> !key.reveal().isBlank());
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    List<Key> older = new ArrayList<>();
    previous.map(Secret::reveal).stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .filter(text -> !text.isBlank())
        .forEach(text -> older.add(Key.parse(text, "PAYSESSION_PREVIOUS_MASTER_KEYS")));
    return Optional.of(
        new MasterKeys(
            Key.parse(configured.get().reveal(), "PAYSESSION_MASTER_KEY"),
            older,
            Source.ENVIRONMENT));
  }

  /** The keys in {@code file}, or empty when it does not exist yet. */
  static Optional<MasterKeys> fromFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<Key> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        keys.add(Key.parse(line, file.toString()));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException(file + " holds no master key");
    }
    return Optional.of(new MasterKeys(keys.get(0), keys.subList(1, keys.size()), Source.FILE));
  }

  /** Writes the keys, current first, to an owner-only file (atomically replacing it). */
  static void write(Path file, List<Key> keys) throws IOException {
    StringBuilder text =
        new StringBuilder(
            "# paysession master keys (base64), the current one first; keep this file owner-only\n"
                + "# and back it up with the database: without it no sealed secret can be read.\n");
    keys.forEach(key -> text.append(key.base64()).append('\n'));
    Files.createDirectories(file.toAbsolutePath().getParent());
    EmbeddedDatabase.writeOwnerOnly(file, text.toString());
  }

  static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
