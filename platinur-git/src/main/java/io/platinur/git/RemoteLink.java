package io.platinur.git;

import io.platinur.port.PortFailure;
import io.platinur.port.PortFailure.Kind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Refs in a shared remote repository: the branches given and everything under
 * {@code refs/platinur/}. The remote is the truth and the server serializes writers: every update
 * is one atomic push whose ref updates each state the expected old id; the local bare repository is
 * a cache that a fetch overwrites.
 */
final class RemoteLink {
  /** HTTP 401 or 403 in a transport error, as a number of its own (not inside a port or an id). */
  private static final Pattern HTTP_REFUSAL = Pattern.compile("(?<!\\d)40[13](?!\\d)");

  private final Repository local;
  private final GitRemote remote;
  private final Seq<String> branchRefs;

  RemoteLink(Repository local, GitRemote remote, Seq<String> branchRefs) {
    this.local = local;
    this.remote = remote;
    this.branchRefs = branchRefs;
  }

  /** Makes the local refs (the branches, and lane states, pull requests, previews under refs/platinur/) what the remote says. */
  Either<PortFailure, Void> fetch() {
    try (Transport transport = open()) {
      transport.setRemoveDeletedRefs(true);
      transport.fetch(NullProgressMonitor.INSTANCE, branchRefs.map(ref -> new RefSpec("+" + ref + ":" + ref))
          .append(new RefSpec("+refs/platinur/*:refs/platinur/*"))
          .append(new RefSpec("+refs/heads/platinur/*:refs/heads/platinur/*")).toJavaList());
      return Either.right(null);
    } catch (IOException e) {
      return Either.left(failure(e, Kind.UNAVAILABLE));
    }
  }

  /**
   * Makes sure the remote takes atomic pushes before anything is written: the lane moves the
   * staging branch and its state ref together, and a server that would apply one without the other
   * could split them. Opens a push connection (so this also checks the right to push) and sends no
   * ref update; JGit refuses there when the server does not advertise the {@code atomic}
   * capability.
   */
  Either<PortFailure, Void> checkAtomicPush() {
    try (Transport transport = open()) {
      transport.setPushAtomic(true);
      try (PushConnection connection = transport.openPush()) {
        connection.push(NullProgressMonitor.INSTANCE, java.util.Map.of());
      }
      return Either.right(null);
    } catch (IOException e) {
      return Either.left(failure(e, Kind.UNAVAILABLE));
    }
  }

  /**
   * Pushes every move at once (atomic), each only if the remote ref is still at its expected id.
   * The local refs are left as they were: {@link #follow} moves them.
   */
  Either<PortFailure, Void> push(Seq<RefMove> moves) {
    java.util.List<RemoteRefUpdate> updates = new java.util.ArrayList<>();
    try (Transport transport = open()) {
      transport.setPushAtomic(true);
      for (RefMove move : moves) {
        // forced: an unapply or a reset rewrites staging; the expected old id is what guards it
        updates.add(new RemoteRefUpdate(local, null, move.next(), move.refName(), true, null, move.expected()));
      }
      PushResult result = transport.push(NullProgressMonitor.INSTANCE, updates);
      List<RemoteRefUpdate> done = List.ofAll(result.getRemoteUpdates());
      if (!done.forAll(u -> u.getStatus() == RemoteRefUpdate.Status.OK || u.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE)) {
        if (done.exists(u -> u.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
            || u.getMessage() != null && u.getMessage().toLowerCase(java.util.Locale.ROOT).contains("fast")
            && u.getMessage().toLowerCase(java.util.Locale.ROOT).contains("non"))) {
          return Either.left(PortFailure.of(Kind.REJECTED,
              remote.describe() + " refuses a non-fast-forward update of " + names(moves) + "."));
        }
        if (done.exists(u -> u.getStatus() == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED
            || u.getStatus() == RemoteRefUpdate.Status.REJECTED_OTHER_REASON && isLockOrAbort(u.getMessage()))) {
          return Either.left(PortFailure.of(Kind.CONFLICT,
              names(moves) + " changed on " + remote.describe() + " since it was read; re-read the lane and check again."));
        }
        return Either.left(PortFailure.of(Kind.REJECTED, remote.describe() + " refused the update of " + names(moves) + "."));
      }
    } catch (IOException e) {
      return Either.left(failure(e, Kind.UNKNOWN_OUTCOME));
    }
    return Either.right(null);
  }

  /** After a push the remote took: moves the local refs as the push moved the remote's. */
  void follow(Seq<RefMove> moves) {
    for (RefMove move : moves) {
      // Best effort: a local ref left behind is overwritten by the next fetch.
      try {
        RefUpdate update = local.updateRef(move.refName());
        update.setForceUpdate(true);
        if (move.next().equals(ObjectId.zeroId())) {
          update.delete();
        } else {
          update.setNewObjectId(move.next());
          update.update();
        }
      } catch (IOException e) {
        // the remote has it; the next fetch settles the cache
      }
    }
  }

  private static boolean isLockOrAbort(String message) {
    String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return text.contains("lock") || text.contains("transaction") || text.contains("atomic") || text.contains("changed");
  }

  private Transport open() throws NotSupportedException, TransportException {
    Transport transport = Transport.open(local, remote.uri());
    transport.setTimeout(60);
    if (remote.credentials() != null) {
      transport.setCredentialsProvider(remote.credentials());
    }
    return transport;
  }

  /** Never passes JGit's message on: it may quote the URL with its user information. */
  private PortFailure failure(IOException e, Kind otherwise) {
    if (isAtomicPushRefusal(e)) {
      return PortFailure.of(Kind.REJECTED, remote.describe() + " does not support atomic pushes. Platinur moves the staging "
          + "branch and the lane state together and never pushes them one by one; enable atomic pushes on the server "
          + "(receive.advertiseAtomic).");
    }
    if (e instanceof NotSupportedException) {
      return PortFailure.of(Kind.INVALID_REQUEST, "No Git transport for " + remote.describe() + " is available.");
    }
    if (e instanceof NoRemoteRepositoryException) {
      return PortFailure.of(Kind.NOT_FOUND, "There is no repository at " + remote.describe() + ".");
    }
    String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    if (refusedCredentials(text)) {
      return PortFailure.of(Kind.UNAUTHORIZED, remote.describe() + " refused the credentials.");
    }
    if (otherwise == Kind.UNKNOWN_OUTCOME) {
      return PortFailure.of(Kind.UNKNOWN_OUTCOME,
          "The connection to " + remote.describe() + " failed during a push; fetch to learn whether it took effect.");
    }
    return PortFailure.of(otherwise, remote.describe() + " could not be reached.");
  }

  /**
   * Whether a transport error (lower case) says the server refused the credentials. A status code
   * stands alone: the port in the URL JGit quotes ({@code http://127.0.0.1:34017/…}) is not one.
   */
  static boolean refusedCredentials(String text) {
    return text.contains("not authorized") || text.contains("authentication") || HTTP_REFUSAL.matcher(text).find();
  }

  /** JGit refuses an atomic push, before sending anything, to a server without the capability. */
  private static boolean isAtomicPushRefusal(IOException e) {
    String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    return e instanceof TransportException && text.contains("atomic push not supported");
  }

  private static String names(Seq<RefMove> moves) {
    return moves.map(RefMove::refName).mkString(" and ");
  }

}
