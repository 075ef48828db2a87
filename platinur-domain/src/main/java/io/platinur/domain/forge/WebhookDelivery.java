package io.platinur.domain.forge;

import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Arrays;
import java.util.Objects;

/**
 * One webhook delivery as a host's HTTP endpoint received it: its headers (names compared without
 * letter case, as HTTP does) and its raw body, byte for byte, before any JSON parsing (a GitHub
 * signature covers those bytes).
 */
public final class WebhookDelivery {
  private final TreeMap<String, String> headers;
  private final byte[] body;

  private WebhookDelivery(TreeMap<String, String> headers, byte[] body) {
    this.headers = headers;
    this.body = body;
  }

  /**
   * A delivery with {@code headers} (name to value; a header sent more than once is joined with
   * commas, as HTTP allows) and the raw {@code body}.
   */
  public static WebhookDelivery of(java.util.Map<String, String> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    TreeMap<String, String> byName = TreeMap.empty(String.CASE_INSENSITIVE_ORDER);
    for (java.util.Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey() != null && header.getValue() != null) {
        byName = byName.put(header.getKey(), header.getValue());
      }
    }
    return new WebhookDelivery(byName, body.clone());
  }

  /** The value of header {@code name}, whatever its letter case. */
  public Option<String> header(String name) {
    return headers.get(name);
  }

  /** The raw body; a copy. */
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookDelivery that && headers.equals(that.headers) && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return 31 * headers.hashCode() + Arrays.hashCode(body);
  }

  /** The header names and the body's size only: a header may carry a token or a signature. */
  @Override
  public String toString() {
    return "WebhookDelivery[headers " + headers.keySet().mkString(", ") + "; " + body.length + " bytes]";
  }
}
