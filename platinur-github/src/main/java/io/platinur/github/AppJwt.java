package io.platinur.github;

import io.platinur.domain.InvalidValueException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs (RS256) to ask for installation tokens, made with
 * {@code java.security} only. It is issued a minute in the past (GitHub's advice against clock
 * drift) and lives nine minutes, under GitHub's ten-minute ceiling.
 */
final class AppJwt {
  static final Duration BACKDATE = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(9);

  // DER prefix of a PKCS#8 PrivateKeyInfo for rsaEncryption (1.2.840.113549.1.1.1), version 0
  private static final byte[] RSA_ALGORITHM = {
    0x02, 0x01, 0x00,
    0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
  };

  private AppJwt() {}

  static String sign(long appId, RSAPrivateKey key, Instant now) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"iat\":" + now.minus(BACKDATE).getEpochSecond()
        + ",\"exp\":" + now.plus(LIFETIME).getEpochSecond()
        + ",\"iss\":\"" + appId + "\"}").getBytes(StandardCharsets.UTF_8));
    String signingInput = header + "." + claims;
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not sign the GitHub App token (" + e.getClass().getSimpleName() + ").");
    }
  }

  /** Reads a PEM RSA private key, PKCS#1 (as GitHub hands them out) or PKCS#8. */
  static RSAPrivateKey readPrivateKey(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new InvalidValueException("A GitHub App private key is required.");
    }
    boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
    boolean pkcs8 = pem.contains("-----BEGIN PRIVATE KEY-----");
    if (!pkcs1 && !pkcs8) {
      throw new InvalidValueException("The GitHub App private key must be a PEM RSA private key.");
    }
    String base64 = pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      byte[] info = pkcs1 ? wrapPkcs1(der) : der;
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      // the message names no part of the key
      throw new InvalidValueException("The GitHub App private key could not be read as an RSA key.");
    }
  }

  private static byte[] wrapPkcs1(byte[] rsaPrivateKey) {
    ByteArrayOutputStream octets = new ByteArrayOutputStream();
    octets.write(0x04);
    writeLength(octets, rsaPrivateKey.length);
    octets.writeBytes(rsaPrivateKey);
    byte[] content = concat(RSA_ALGORITHM, octets.toByteArray());
    ByteArrayOutputStream sequence = new ByteArrayOutputStream();
    sequence.write(0x30);
    writeLength(sequence, content.length);
    sequence.writeBytes(content);
    return sequence.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write((length >> 8) & 0xff);
      out.write(length & 0xff);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
