package io.platinur.git;

import io.platinur.domain.batch.PromotionBatch;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitId;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The lane state as a tree, so that a change writes and a reader who saw an earlier state reads
 * only what changed, however long the batch or the list of deployed proposals:
 *
 * <ul>
 *   <li>{@code lane}: the format, the base commit, the staging head and the release lock;
 *   <li>{@code batch/<p / 1000>/<p % 1000>}: staged proposal number {@code p} (from 0, in apply
 *       order), one record;
 *   <li>{@code deployed/<bucket>/<id>}: an empty file per deployed proposal ({@code /} in the id
 *       written as {@code %2F}), in 256 buckets by a CRC-32 of the id.
 * </ul>
 *
 * <p>Writing starts from the previous tree and rewrites only the trees on the changed paths;
 * reading from an earlier state walks only the entries whose ids differ. A tree in the first
 * format (the whole lane in {@code lane}) is still read, and is replaced whole on the next save.
 */
final class LaneTree {
  static final String HEAD_FILE = "lane";
  private static final String BATCH = "batch";
  private static final String DEPLOYED = "deployed";

  private LaneTree() {}

  /** A lane read from a state tree: {@code layered} when the tree is in this layout (not the first format). */
  record Read(ObjectId tree, StagingLane lane, boolean layered) {}

  /** The whole lane stored in {@code tree}. */
  static Read read(ObjectReader reader, ObjectId tree) throws IOException, LaneCodec.Unreadable {
    String head = headText(reader, tree);
    if (head.startsWith(LaneCodec.FORMAT + "\n")) {
      return new Read(tree, LaneCodec.decodeLane(head), false);
    }
    LaneCodec.Head baseAndLock = LaneCodec.decodeHead(head);
    TreeMap<Integer, StagedProposal> staged = new TreeMap<>();
    java.util.Set<ProposalId> deployed = new java.util.HashSet<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        if (path.startsWith(BATCH + "/")) {
          staged.put(position(path), LaneCodec.decodeStaged(text(reader, walk.getObjectId(0))));
        } else if (path.startsWith(DEPLOYED + "/")) {
          deployed.add(deployedId(path));
        }
      }
    }
    return new Read(tree, restore(baseAndLock, batch(staged), io.vavr.collection.HashSet.ofAll(deployed)), true);
  }

  /**
   * The lane stored in {@code tree}, given {@code earlier}, read from another state tree: only the
   * entries that differ between the two trees are read.
   */
  static Read readSince(ObjectReader reader, Read earlier, ObjectId tree) throws IOException, LaneCodec.Unreadable {
    if (!earlier.layered()) {
      return read(reader, tree);
    }
    String head = headText(reader, tree);
    if (head.startsWith(LaneCodec.FORMAT + "\n")) {
      return new Read(tree, LaneCodec.decodeLane(head), false);
    }
    LaneCodec.Head baseAndLock = LaneCodec.decodeHead(head);
    StagingLane was = earlier.lane();
    TreeMap<Integer, StagedProposal> staged = null;
    Set<ProposalId> deployed = was.deployed();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(earlier.tree());
      walk.addTree(tree);
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        String path = walk.getPathString();
        boolean present = walk.getFileMode(1) != FileMode.MISSING;
        if (path.startsWith(BATCH + "/")) {
          if (staged == null) {
            staged = new TreeMap<>();
            int p = 0;
            for (StagedProposal proposal : was.batch().proposals()) {
              staged.put(p++, proposal);
            }
          }
          if (present) {
            staged.put(position(path), LaneCodec.decodeStaged(text(reader, walk.getObjectId(1))));
          } else {
            staged.remove(position(path));
          }
        } else if (path.startsWith(DEPLOYED + "/")) {
          deployed = present ? deployed.add(deployedId(path)) : deployed.remove(deployedId(path));
        }
      }
    }
    PromotionBatch batch = staged == null ? was.batch() : batch(staged);
    return new Read(tree, restore(baseAndLock, batch, deployed), true);
  }

  /**
   * Writes {@code next} as a state tree, starting from {@code previous} (the tree it was read from
   * and its lane) when there is one in this layout: only what differs is written.
   */
  static ObjectId write(ObjectReader reader, ObjectInserter inserter, Option<Read> previous, StagingLane next)
      throws IOException {
    Option<Read> from = previous.filter(Read::layered);
    SortedMap<String, TreeRewriter.Edit> edits = new TreeMap<>();
    StagingLane was = from.map(Read::lane).getOrNull();
    if (was == null || !was.base().equals(next.base()) || !was.lock().equals(next.lock())
        || !was.stagingHead().equals(next.stagingHead())) {
      edits.put(HEAD_FILE, blob(inserter, LaneCodec.encodeHead(next)));
    }
    Vector<StagedProposal> before = was == null ? Vector.empty() : was.batch().proposals().toVector();
    Vector<StagedProposal> after = next.batch().proposals().toVector();
    for (int p = 0; p < Math.max(before.size(), after.size()); p++) {
      if (p >= after.size()) {
        edits.put(batchPath(p), TreeRewriter.Edit.delete());
      } else if (p >= before.size() || (before.get(p) != after.get(p) && !before.get(p).equals(after.get(p)))) {
        edits.put(batchPath(p), blob(inserter, LaneCodec.encodeStaged(after.get(p))));
      }
    }
    Set<ProposalId> deployedBefore = was == null ? io.vavr.collection.HashSet.empty() : was.deployed();
    if (deployedBefore != next.deployed()) {
      TreeRewriter.Edit empty = blob(inserter, "");
      for (ProposalId id : next.deployed()) {
        if (!deployedBefore.contains(id)) {
          edits.put(deployedPath(id), empty);
        }
      }
      for (ProposalId id : deployedBefore) {
        if (!next.deployed().contains(id)) {
          edits.put(deployedPath(id), TreeRewriter.Edit.delete());
        }
      }
    }
    try {
      return new TreeRewriter(reader, inserter).rewrite(from.map(Read::tree).getOrNull(), edits);
    } catch (TreeRewriter.Refused e) {
      throw new IOException("The lane state tree cannot hold its own entries: " + e.getMessage(), e);
    }
  }

  static String batchPath(int position) {
    return BATCH + "/" + String.format("%03d/%03d", position / 1000, position % 1000);
  }

  static String deployedPath(ProposalId id) {
    CRC32 crc = new CRC32();
    crc.update(id.value().getBytes(StandardCharsets.UTF_8));
    return DEPLOYED + "/" + String.format("%02x", crc.getValue() & 0xff) + "/" + id.value().replace("/", "%2F");
  }

  private static int position(String path) throws LaneCodec.Unreadable {
    String[] parts = path.split("/");
    try {
      if (parts.length == 3) {
        return Math.addExact(Math.multiplyExact(Integer.parseInt(parts[1]), 1000), Integer.parseInt(parts[2]));
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // reported below
    }
    throw new LaneCodec.Unreadable("Unknown entry ‘" + path + "’ in the lane state.");
  }

  private static ProposalId deployedId(String path) throws LaneCodec.Unreadable {
    String[] parts = path.split("/");
    try {
      if (parts.length == 3) {
        return ProposalId.of(parts[2].replace("%2F", "/"));
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new LaneCodec.Unreadable("Unknown entry ‘" + path + "’ in the lane state.");
  }

  private static PromotionBatch batch(TreeMap<Integer, StagedProposal> staged) throws LaneCodec.Unreadable {
    if (!staged.isEmpty() && staged.lastKey() != staged.size() - 1) {
      throw new LaneCodec.Unreadable("The staged proposals of the lane state are not numbered 0 to " + (staged.size() - 1) + ".");
    }
    try {
      return PromotionBatch.of(staged.values());
    } catch (RuntimeException e) {
      throw new LaneCodec.Unreadable("The stored batch is inconsistent: " + e.getMessage());
    }
  }

  private static StagingLane restore(LaneCodec.Head head, PromotionBatch batch, Set<ProposalId> deployed)
      throws LaneCodec.Unreadable {
    StagingLane lane = StagingLane.restore(head.base(), batch, head.lock(), deployed);
    if (!lane.stagingHead().equals(head.stagingHead())) {
      throw new LaneCodec.Unreadable("The lane state's staging head does not match its batch.");
    }
    return lane;
  }

  /** The staging head the state tree records, from its head file alone. */
  static CommitId stagingHead(ObjectReader reader, ObjectId tree) throws IOException, LaneCodec.Unreadable {
    String head = headText(reader, tree);
    return head.startsWith(LaneCodec.FORMAT + "\n") ? LaneCodec.decodeLane(head).stagingHead() : LaneCodec.decodeHead(head).stagingHead();
  }

  private static String headText(ObjectReader reader, ObjectId tree) throws IOException, LaneCodec.Unreadable {
    try (TreeWalk walk = TreeWalk.forPath(reader, HEAD_FILE, tree)) {
      if (walk == null) {
        throw new LaneCodec.Unreadable("The lane state has no ‘" + HEAD_FILE + "’ file.");
      }
      return text(reader, walk.getObjectId(0));
    }
  }

  private static String text(ObjectReader reader, ObjectId blob) throws IOException {
    return new String(reader.open(blob, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
  }

  private static TreeRewriter.Edit blob(ObjectInserter inserter, String text) throws IOException {
    return TreeRewriter.Edit.write(inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)));
  }
}
