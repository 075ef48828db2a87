package io.platinur.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files on disk named by their repository paths, whatever the locale. Git paths are UTF-8; the JVM
 * turns file names into strings with the locale's charset, which under {@code LANG=C} cannot hold
 * {@code café.sql}. So names are read and made from their bytes (through {@code file:} URIs, which
 * carry bytes percent-encoded), never through the locale: a name that is not UTF-8 is refused by
 * name, and a UTF-8 name works under any locale.
 */
final class LocalFiles {
  private LocalFiles() {}

  /** A regular file found under a folder: its repository path, where it is, and its size. */
  record Found(String path, Path file, long size) {}

  /**
   * Every regular file under {@code root}, by repository path, in path order. Folders for which
   * {@code leaveOut} answers true are not entered. A symbolic link, a file that is not a regular
   * file, a name that is not UTF-8, or a file larger than {@code maxBytes} is refused: the
   * exception names it as {@code shownRoot/<path>}.
   */
  static Map<String, Found> regularFiles(Path root, String shownRoot, long maxBytes, java.util.function.Predicate<Path> leaveOut)
      throws IOException {
    Map<String, Found> found = new TreeMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && leaveOut.test(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (!dir.equals(root)) {
          name(root, dir, shownRoot);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String path = name(root, file, shownRoot);
        String shown = shown(shownRoot, path);
        if (attrs.isSymbolicLink()) {
          throw new Common.BadInput(shown + " is a symbolic link; a proposal holds regular files only. "
              + "Put the file itself there, or remove the link.");
        }
        if (!attrs.isRegularFile()) {
          throw new Common.BadInput(shown + " is not a regular file; a proposal holds regular files only.");
        }
        if (attrs.size() > maxBytes) {
          throw new Common.BadInput(shown + " is " + size(attrs.size()) + ", over the limit of " + size(maxBytes)
              + " for one file of a proposal.");
        }
        found.put(path, new Found(path, file, attrs.size()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        throw e;
      }
    });
    return found;
  }

  /** {@code base/path}, made from the UTF-8 bytes of {@code path}, whatever the locale. */
  static Path resolve(Path base, String path) {
    String raw = rawPath(base);
    StringBuilder uri = new StringBuilder(raw.endsWith("/") ? raw : raw + "/");
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
        uri.append((char) c);
      } else {
        uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    try {
      return Path.of(new URI("file://" + uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The path of {@code file} below {@code root}, decoded from its bytes as UTF-8; refused when it is not UTF-8. */
  static String name(Path root, Path file, String shownRoot) {
    String rootRaw = rawPath(root);
    String fileRaw = rawPath(file);
    String prefix = rootRaw.endsWith("/") ? rootRaw : rootRaw + "/";
    if (fileRaw.endsWith("/")) {
      fileRaw = fileRaw.substring(0, fileRaw.length() - 1);
    }
    if (!fileRaw.startsWith(prefix)) {
      throw new IllegalArgumentException(file + " is not below " + root);
    }
    byte[] bytes = percentDecoded(fileRaw.substring(prefix.length()));
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Common.BadInput("The file name " + shown(shownRoot, escaped(bytes)) + " is not valid UTF-8; Git paths are UTF-8. "
          + "Rename the file.");
    }
  }

  private static String shown(String shownRoot, String path) {
    return shownRoot.isEmpty() || shownRoot.equals(".") ? path : shownRoot.replaceAll("/+$", "") + "/" + path;
  }

  /** The file's absolute path as a {@code file:} URI carries it: bytes, percent-encoded. */
  private static String rawPath(Path path) {
    return path.toAbsolutePath().toUri().getRawPath();
  }

  private static byte[] percentDecoded(String raw) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /** Bytes as Git quotes a path: printable ASCII as it is, every other byte as a backslash and three octal digits. */
  static String escaped(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append((char) c);
      } else {
        out.append('\\').append(String.format("%03o", c));
      }
    }
    return out.toString();
  }

  /** A size as people read it: bytes, KiB, MiB or GiB with one decimal where it is not whole. */
  static String size(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0) {
      return bytes + " bytes";
    }
    return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value)) + " " + units[unit];
  }
}
