package dev.paysession.jwe;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RSA keys as PEM text (the admin API's and Node's form) and as stored. */
final class RsaKeys {

  static final int SERVER_KEY_BITS = 2048;
  static final int MIN_BITS = 2048;
  static final int MAX_BITS = 8192;

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /**
   * DER of AlgorithmIdentifier {rsaEncryption, NULL}, to wrap a PKCS#1 key as SubjectPublicKeyInfo.
   */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private RsaKeys() {}

  /**
   * An RSA public key from one PEM block, {@code PUBLIC KEY} (SubjectPublicKeyInfo, Node's {@code
   * spki}) or {@code RSA PUBLIC KEY} (PKCS#1); empty when it is not one, or is shorter than 2048
   * bits or longer than 8192.
   */
  static Optional<RSAPublicKey> parsePublicPem(String pem) {
    if (pem == null || pem.length() > 16_384) {
      return Optional.empty();
    }
    Matcher block = PEM.matcher(pem.strip());
    if (!block.matches()) {
      return Optional.empty();
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      if (block.group(1).equals("RSA PUBLIC KEY")) {
        der = subjectPublicKeyInfo(der);
      }
      RSAPublicKey key = publicKey(der);
      int bits = key.getModulus().bitLength();
      return bits < MIN_BITS || bits > MAX_BITS ? Optional.empty() : Optional.of(key);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  static RSAPublicKey publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
  }

  static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(SERVER_KEY_BITS);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation unavailable", e);
    }
  }

  /** SubjectPublicKeyInfo as a {@code PUBLIC KEY} PEM block, 64 characters a line. */
  static String publicPem(RSAPublicKey key) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  private static byte[] subjectPublicKeyInfo(byte[] pkcs1) {
    ByteArrayOutputStream bitString = new ByteArrayOutputStream();
    bitString.write(0x03);
    writeLength(bitString, pkcs1.length + 1);
    bitString.write(0x00);
    bitString.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, RSA_ALGORITHM.length + bitString.size());
    out.writeBytes(RSA_ALGORITHM);
    out.writeBytes(bitString.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
  }
}
