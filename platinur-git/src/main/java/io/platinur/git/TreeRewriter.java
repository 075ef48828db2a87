package io.platinur.git;

import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Rewrites a tree along the changed paths only: each tree on a changed path is read, edited and
 * written again; every other tree is reused by id. An apply therefore costs in proportion to the
 * number of changed paths times their depth (and the width of the trees on them), never to the
 * size of the repository. No index (DirCache) is loaded.
 */
final class TreeRewriter {

  /** What to do at one path: write the blob (keeping an executable bit when {@code mode} is null), or delete. */
  record Edit(ObjectId blob, FileMode mode) {
    static Edit write(ObjectId blob) {
      return new Edit(blob, null);
    }

    static Edit write(ObjectId blob, FileMode mode) {
      return new Edit(blob, mode);
    }

    static Edit delete() {
      return new Edit(null, null);
    }

    boolean isDelete() {
      return blob == null;
    }
  }

  /** An edit that cannot be made (a file where a directory is, or the reverse). */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }

    PortFailure failure() {
      return PortFailure.of(Kind.INVALID_REQUEST, getMessage());
    }
  }

  private final ObjectReader reader;
  private final ObjectInserter inserter;

  TreeRewriter(ObjectReader reader, ObjectInserter inserter) {
    this.reader = reader;
    this.inserter = inserter;
  }

  /** The id of {@code root} with {@code edits} (full paths) made; {@code root} itself when nothing changes. */
  ObjectId rewrite(ObjectId root, SortedMap<String, Edit> edits) throws IOException, Refused {
    ObjectId rewritten = rewrite(root, "", edits);
    return rewritten == null ? inserter.insert(new TreeFormatter()) : rewritten;
  }

  /** Returns the new tree id, or null when the tree became empty. */
  private ObjectId rewrite(ObjectId tree, String prefix, SortedMap<String, Edit> edits) throws IOException, Refused {
    TreeMap<String, Entry> entries = read(tree);
    Map<String, SortedMap<String, Edit>> below = new TreeMap<>();
    // Leaf edits first, so "delete a, write a/b" turns a file into a directory.
    for (Map.Entry<String, Edit> edit : edits.entrySet()) {
      String path = edit.getKey();
      int slash = path.indexOf('/');
      if (slash >= 0) {
        below.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()).put(path.substring(slash + 1), edit.getValue());
        continue;
      }
      Entry existing = entries.get(path);
      if (existing != null && !isFile(existing.mode)) {
        throw new Refused("‘" + prefix + path + "’ is a " + (existing.mode == FileMode.TREE ? "directory" : "submodule")
            + " in the repository, not a file.");
      }
      Edit change = edit.getValue();
      if (change.isDelete()) {
        entries.remove(path);
      } else {
        FileMode mode = change.mode() != null
            ? change.mode()
            : existing != null && existing.mode == FileMode.EXECUTABLE_FILE ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
        entries.put(path, new Entry(mode, change.blob()));
      }
    }
    for (Map.Entry<String, SortedMap<String, Edit>> dir : below.entrySet()) {
      String name = dir.getKey();
      Entry existing = entries.get(name);
      if (existing != null && existing.mode != FileMode.TREE) {
        throw new Refused("‘" + prefix + name + "’ is a file in the repository, so it cannot hold ‘"
            + prefix + name + "/" + dir.getValue().firstKey() + "’.");
      }
      ObjectId sub = rewrite(existing == null ? null : existing.id, prefix + name + "/", dir.getValue());
      if (sub == null) {
        entries.remove(name);
      } else {
        entries.put(name, new Entry(FileMode.TREE, sub));
      }
    }
    if (entries.isEmpty()) {
      return null;
    }
    TreeFormatter formatter = new TreeFormatter();
    ArrayList<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
    sorted.sort((a, b) -> compareGitOrder(a.getKey(), a.getValue().mode, b.getKey(), b.getValue().mode));
    for (Map.Entry<String, Entry> entry : sorted) {
      formatter.append(entry.getKey(), entry.getValue().mode, entry.getValue().id);
    }
    ObjectId id = formatter.computeId(inserter);
    // Unchanged trees are not written again: the common case for every tree off the changed paths.
    return id.equals(tree) ? tree : inserter.insert(formatter);
  }

  private TreeMap<String, Entry> read(ObjectId tree) throws IOException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    if (tree == null) {
      return entries;
    }
    CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
    while (!parser.eof()) {
      entries.put(parser.getEntryPathString(), new Entry(parser.getEntryFileMode(), parser.getEntryObjectId()));
      parser.next();
    }
    return entries;
  }

  private static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK;
  }

  /** Git's tree order: byte-wise on names, a directory compared as if its name ended in '/'. */
  static int compareGitOrder(String a, FileMode aMode, String b, FileMode bMode) {
    byte[] x = (aMode == FileMode.TREE ? a + "/" : a).getBytes(StandardCharsets.UTF_8);
    byte[] y = (bMode == FileMode.TREE ? b + "/" : b).getBytes(StandardCharsets.UTF_8);
    return Arrays.compareUnsigned(x, y);
  }

  private record Entry(FileMode mode, ObjectId id) {}
}
