package dev.paysession.jwe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.LogContext;
import dev.paysession.api.RateLimits;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantAuthenticator;
import dev.paysession.merchant.MerchantStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Juspay's JWE calls, as its Node SDK makes them: the body is a JWS (RS256, signed with the
 * merchant's private key) inside a JWE (RSA-OAEP, A256GCM) for the server's public key, both named
 * by one {@code kid}. The signature is the credential: an API key or client auth token plays no
 * part. Answers go back the same way, signed with the server's key and encrypted for the merchant.
 */
@ApplicationScoped
public class EncryptedCalls {

  /** A kid is looked up only when it could be one the server made. */
  private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-f]{32}");

  private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final JweKeyStore keys;
  private final MerchantStore merchants;
  private final RateLimits limits;
  private final ObjectMapper mapper;
  private final int maxBodyBytes;

  EncryptedCalls(
      JweKeyStore keys,
      MerchantStore merchants,
      RateLimits limits,
      ObjectMapper mapper,
      HttpConfig http) {
    this.keys = keys;
    this.merchants = merchants;
    this.limits = limits;
    this.mapper = mapper;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  /** A call that decrypted and verified: whose it is, the key to answer with, and its JSON body. */
  record Opened(Merchant merchant, JweKeyStore.LiveKey key, ObjectNode body) {}

  /**
   * Decrypts and verifies the body with the merchant's live key its kid names. The merchant is the
   * one {@code x-merchantid} names (the SDK always sends it), and the key must be that merchant's:
   * a body made with another merchant's key, or signed by another merchant, is a 401. The payload
   * is then read as the plain endpoint reads a JSON body (its 400s are the plain endpoint's).
   */
  Opened open(InputStream body, String merchantIdHeader, String merchantIdAlternative)
      throws SQLException {
    String merchantId =
        MerchantAuthenticator.merchantIdSent(merchantIdHeader, merchantIdAlternative);
    if (merchantId == null) {
      throw ApiException.badFields(List.of(FieldError.missing("x-merchantid")));
    }
    byte[] bytes = readAll(body);
    JweKeyStore.LiveKey key;
    byte[] payload;
    try {
      JweMessage message = JweMessage.parse(bytes);
      if (!MERCHANT_ID.matcher(merchantId).matches()
          || !KEY_ID.matcher(message.keyId()).matches()) {
        throw unknownKey();
      }
      key = keys.live(merchantId, message.keyId()).orElseThrow(EncryptedCalls::unknownKey);
      byte[] jws = JweCrypto.decrypt(message, key.serverKey());
      payload = JwsSignature.verify(jws, key.merchantPublicKey(), key.keyId());
    } catch (JweRefused refused) {
      throw ApiException.unauthorized(refused.getMessage());
    }
    Merchant merchant = merchants.find(merchantId).orElseThrow(EncryptedCalls::unknownKey);
    LogContext.merchant(merchant.merchantId());
    // Counted once authenticated, as for an API key: nobody can spend another merchant's allowance.
    limits.merchantCall(merchant.merchantId());
    ObjectNode json =
        JsonBodies.readObject(new ByteArrayInputStream(payload), "application/json", maxBodyBytes);
    return new Opened(merchant, key, json);
  }

  /** The plain endpoint's answer, as its JSON, signed and encrypted for the caller's key. */
  ObjectNode seal(JweKeyStore.LiveKey key, Object answer) {
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer does not serialise", e);
    }
    ObjectNode jws = JwsSignature.sign(json, key.keyId(), key.serverKey());
    return JweCrypto.encrypt(
        jws.toString().getBytes(StandardCharsets.UTF_8), key.keyId(), key.merchantPublicKey());
  }

  private static ApiException unknownKey() {
    return ApiException.unauthorized(
        "Unknown or retired JWE key: the kid must name a live key of the merchant in"
            + " x-merchantid.");
  }

  private byte[] readAll(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      // The one body limit was enforced before routing (HttpPlumbing); this is a backstop.
      byte[] bytes = body.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw ApiException.http(
            413, "INVALID_REQUEST", "Request body exceeds the limit of " + maxBodyBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.invalidRequest("Request body could not be read");
    }
  }
}
