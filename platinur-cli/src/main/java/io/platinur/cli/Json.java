package io.platinur.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object written in insertion order, for {@code --json} output. Values are strings,
 * numbers, booleans, {@code null}, nested objects, and iterables of those.
 */
final class Json {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** JSON written elsewhere (a documented shape from the library), put in as it is. */
  record Raw(String json) {}

  static Json object() {
    return new Json();
  }

  Json put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  void forEach(java.util.function.BiConsumer<String, Object> action) {
    fields.forEach(action);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    write(this, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Raw raw) {
      out.append(raw.json());
    } else if (value instanceof Json json) {
      out.append('{');
      Iterator<Map.Entry<String, Object>> entries = json.fields.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<String, Object> entry = entries.next();
        string(entry.getKey(), out);
        out.append(':');
        write(entry.getValue(), out);
        if (entries.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Iterable<?> items) {
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else {
      string(value.toString(), out);
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
