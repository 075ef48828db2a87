package io.platinur.domain.proposal;

import java.util.Arrays;
import java.util.function.Function;

/**
 * What a proposal does to one path: write these bytes, or delete the file. A rename is a delete of
 * the old path plus a write of the new one, so both paths belong to the proposal's file set.
 */
public sealed interface Change permits Change.Write, Change.Delete {

  /** Write {@code content} to the path, creating or replacing the file. The bytes are copied. */
  static Write write(byte[] content) {
    return new Write(content);
  }

  /** Write {@code text} encoded as UTF-8. */
  static Write write(String text) {
    return new Write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static Delete delete() {
    return Delete.INSTANCE;
  }

  <R> R fold(Function<Write, R> onWrite, Function<Delete, R> onDelete);

  /** Replace the file's content. {@code toString} shows the size only: content may be sensitive. */
  final class Write implements Change {
    private final byte[] content;

    private Write(byte[] content) {
      if (content == null) {
        throw new io.platinur.domain.InvalidValueException("A write needs content (it may be empty).");
      }
      this.content = content.clone();
    }

    /** A copy of the bytes to write. */
    public byte[] content() {
      return content.clone();
    }

    public int size() {
      return content.length;
    }

    @Override
    public <R> R fold(Function<Write, R> onWrite, Function<Delete, R> onDelete) {
      return onWrite.apply(this);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Write write && Arrays.equals(content, write.content);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "Write[" + content.length + " bytes]";
    }
  }

  /** Remove the file. */
  final class Delete implements Change {
    private static final Delete INSTANCE = new Delete();

    private Delete() {}

    @Override
    public <R> R fold(Function<Write, R> onWrite, Function<Delete, R> onDelete) {
      return onDelete.apply(this);
    }

    @Override
    public String toString() {
      return "Delete";
    }
  }
}
