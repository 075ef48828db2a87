package io.platinur.git;

import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.application.lane.StagingLaneService;
import io.platinur.application.lane.SyncResult;
import io.platinur.domain.Actor;
import io.platinur.domain.batch.StagedProposal;
import io.platinur.domain.forge.PromotionPullRequest;
import io.platinur.domain.lane.CommandRejection;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.lock.ReleaseLock;
import io.platinur.domain.proposal.ProposalId;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.port.PortFailure;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lane against a real Git server: C Git's {@code git http-backend} speaking smart HTTP behind
 * basic authentication ({@link GitHttpServer}). Each host has its own local cache; the server's
 * atomic push with expected old ids decides every race.
 */
class GitHttpRemoteTest {
  static final String USER = "platinur-bot";
  static final String SECRET = "pw-7f3c9a1e-never-logged";
  /** Hosts racing at once: every request forks the real backend, so fewer than the file:// races, same invariants. */
  static final int RACERS = 4;
  static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path dir;
  GitHttpServer server;
  GitCli cli;
  final List<GitStaging> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    Fixtures.init(dir.resolve("srv")).close();
    server = GitHttpServer.start(dir.resolve("srv"), USER, SECRET.toCharArray());
    cli = new GitCli(dir.resolve("srv/lane.git"));
  }

  @AfterEach
  void stop() {
    opened.forEach(GitStaging::close);
    server.close();
    cli.assertFsckClean();
  }

  Either<PortFailure, GitStaging> open(String host, char[] password) {
    Either<PortFailure, GitStaging> git = GitStaging.openWithRemote(
        dir.resolve("hosts").resolve(host + "-cache.git"), server.remote("lane.git", password), Fixtures.CONFIG);
    git.peek(opened::add);
    return git;
  }

  GitStaging host(String name) {
    return open(name, SECRET.toCharArray()).getOrElseThrow(f -> new AssertionError(f.toString()));
  }

  static StagingLaneService lane(GitStaging git) {
    return new StagingLaneService(LaneServiceWorkers.LANE, git.staging(), git.laneStateStore(), git.offlineHost().pullRequests(), () -> NOON);
  }

  static CommitAuthor author(String name) {
    return new CommitAuthor(name, name + "@example.com", NOON);
  }

  static RejectionReason rejection(Either<? extends UseCaseFailure<? extends CommandRejection>, ?> outcome) {
    assertThat(outcome.isLeft()).as("rejected: %s", outcome).isTrue();
    assertThat(outcome.getLeft()).isInstanceOf(UseCaseFailure.Rejected.class);
    return outcome.getLeft().fold(CommandRejection::reason, unavailable -> null);
  }

  static PortFailure unavailable(Either<? extends UseCaseFailure<?>, ?> outcome) {
    assertThat(outcome.isLeft()).as("failed: %s", outcome).isTrue();
    assertThat(outcome.getLeft()).isInstanceOf(UseCaseFailure.Unavailable.class);
    return outcome.getLeft().fold(rejection -> null, failure -> failure);
  }

  static List<String> ids(io.vavr.collection.Seq<StagedProposal> proposals) {
    return proposals.map(p -> p.id().value()).toJavaList();
  }

  @Test
  void two_hosts_with_their_own_caches_run_a_whole_release_through_the_server() {
    StagingLaneService a = lane(host("a"));
    StagingLaneService b = lane(host("b"));

    StagedProposal orders = a.apply(writing("p-1", "Orders", "models/orders.sql"), author("ana")).get();
    assertThat(cli.revParse("staging")).isEqualTo(orders.commit().hex());
    StagedProposal revenue = b.apply(writing("p-2", "Revenue", "marts/revenue.sql"), author("bo")).get();
    assertThat(rejection(b.apply(writing("p-3", "Orders again", "models/orders.sql"), author("bo"))))
        .isEqualTo(RejectionReason.FILE_OVERLAP);
    assertThat(ids(a.lane().get().batch().proposals())).containsExactly("p-1", "p-2");
    assertThat(cli.log("main..staging")).containsExactly(orders.commit().hex(), revenue.commit().hex());

    PromotionPullRequest pr = a.openPromotionPr(Actor.of("ana")).get();
    assertThat(pr.headCommit()).isEqualTo(revenue.commit());
    assertThat(cli.run("for-each-ref", "--format=%(refname)", "refs/platinur/pulls/").lines())
        .containsExactly("refs/platinur/pulls/" + pr.number().value());
    assertThat(rejection(b.apply(writing("p-4", "Late", "late.sql"), author("bo")))).isEqualTo(RejectionReason.PROMOTION_PR_OPEN);

    SyncResult merged = b.mergePromotionPr(Actor.of("bo")).get();
    assertThat(merged.lane().lock()).isInstanceOf(ReleaseLock.Unlocked.class);
    String production = cli.revParse("main");
    assertThat(cli.revParse("staging")).isEqualTo(production);
    assertThat(cli.run("ls-tree", "-r", "--name-only", "main").lines().toList())
        .containsExactly("README.md", "marts/revenue.sql", "models/orders.sql");

    StagingLane seenByA = a.syncPromotions(Actor.of("ana")).get().lane();
    assertThat(seenByA.batch().isEmpty()).isTrue();
    assertThat(seenByA.deployed()).containsExactlyInAnyOrder(ProposalId.of("p-1"), ProposalId.of("p-2"));
    assertThat(rejection(a.apply(writing("p-1", "Orders", "models/orders2.sql"), author("ana"))))
        .isEqualTo(RejectionReason.ALREADY_DEPLOYED);
    StagedProposal late = a.apply(writing("p-4", "Late", "late.sql"), author("ana")).get();
    assertThat(cli.log("main..staging")).containsExactly(late.commit().hex());
    assertThat(b.history().get().map(change -> change.audit().actor().name())).contains("ana", "bo");
    assertThat(b.history().get().map(change -> change.version().token())).contains(cli.revParse("refs/platinur/lanes/staging"));
  }

  @Test
  void four_threads_each_with_its_own_cache_race_through_the_server_and_lose_or_double_nothing() throws Exception {
    io.vavr.collection.Map<String, String> outcomes = GitConcurrencyTest.runWriters(RACERS, 2, writer -> host("writer" + writer));
    GitConcurrencyTest.verify(dir.resolve("srv/lane.git"), outcomes, RACERS, 2);
    assertThat(server.pushes()).as("every apply went through the server").isGreaterThanOrEqualTo(outcomes.filter(
        (id, outcome) -> outcome.startsWith("applied")).size());
  }

  @Test
  void two_jvms_run_the_use_cases_through_the_server_and_keep_every_invariant() throws Exception {
    io.vavr.collection.List<String> outcomes = LaneServiceConcurrencyTest.runTwoJvms(RACERS, server.url("lane.git"),
        java.util.Map.of(LaneServiceWorkers.USER_VARIABLE, USER, LaneServiceWorkers.PASSWORD_VARIABLE, SECRET), dir.resolve("jvms"));
    LaneServiceConcurrencyTest.verify(dir.resolve("srv/lane.git"), outcomes, RACERS);
    assertThat(outcomes).noneMatch(line -> line.contains(SECRET));
  }

  @Test
  void wrong_credentials_are_unauthorized_and_the_message_holds_no_secret() {
    PortFailure failure = open("intruder", "not-the-password".toCharArray()).getLeft();

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNAUTHORIZED);
    assertThat(failure.message()).isEqualTo(server.url("lane.git") + " refused the credentials.");
    assertThat(server.refusedRequests()).isPositive();
    assertThat(server.pushes()).isZero();
  }

  @Test
  void a_connection_dropped_before_the_server_applied_the_push_is_an_unknown_outcome_and_sync_shows_nothing_happened() {
    StagingLaneService a = lane(host("a"));
    a.apply(writing("p-1", "Orders", "models/orders.sql"), author("ana")).get();
    String staging = cli.revParse("staging");
    String state = cli.revParse("refs/platinur/lanes/staging");

    server.dropNextPush(GitHttpServer.Drop.BEFORE_APPLYING);
    PortFailure failure = unavailable(a.apply(writing("p-2", "Revenue", "marts/revenue.sql"), author("ana")));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNKNOWN_OUTCOME);
    assertThat(cli.revParse("staging")).isEqualTo(staging);
    assertThat(cli.revParse("refs/platinur/lanes/staging")).isEqualTo(state);
    StagingLaneService b = lane(host("b"));
    StagingLane synced = b.syncPromotions(Actor.of("bo")).get().lane();
    assertThat(ids(synced.batch().proposals())).containsExactly("p-1");
    assertThat(synced.stagingHead().hex()).isEqualTo(staging);
    // nothing happened, so the host simply applies again
    StagedProposal again = a.apply(writing("p-2", "Revenue", "marts/revenue.sql"), author("ana")).get();
    assertThat(cli.log("main..staging")).hasSize(2).endsWith(again.commit().hex());
  }

  @Test
  void a_connection_dropped_after_the_server_applied_the_push_is_an_unknown_outcome_and_sync_shows_it_staged_once() {
    StagingLaneService a = lane(host("a"));
    a.apply(writing("p-1", "Orders", "models/orders.sql"), author("ana")).get();

    server.dropNextPush(GitHttpServer.Drop.AFTER_APPLYING);
    int pushesBefore = server.pushes();
    PortFailure failure = unavailable(a.apply(writing("p-2", "Revenue", "marts/revenue.sql"), author("ana")));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNKNOWN_OUTCOME);
    assertThat(failure.message()).isEqualTo(
        "The connection to " + server.url("lane.git") + " failed during a push; fetch to learn whether it took effect.");
    assertThat(server.pushes()).as("the push was sent once, never repeated behind the caller's back").isEqualTo(pushesBefore + 1);
    // the server did apply it: both refs moved together
    assertThat(cli.log("main..staging")).hasSize(2);
    StagingLane synced = a.syncPromotions(Actor.of("ana")).get().lane();
    assertThat(ids(synced.batch().proposals())).containsExactly("p-1", "p-2");
    assertThat(synced.stagingHead().hex()).isEqualTo(cli.revParse("staging"));
    StagingLane seenByB = lane(host("b")).lane().get();
    assertThat(seenByB).isEqualTo(synced);
    assertThat(rejection(a.apply(writing("p-2", "Revenue", "marts/revenue.sql"), author("ana"))))
        .isEqualTo(RejectionReason.ALREADY_STAGED);
    assertThat(cli.log("main..staging")).hasSize(2);
  }

  @Test
  void a_server_without_atomic_pushes_is_refused_at_open_before_anything_is_pushed() {
    cli.run("config", "receive.advertiseAtomic", "false");
    String staging = cli.revParse("staging");

    PortFailure failure = open("a", SECRET.toCharArray()).getLeft();

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REJECTED);
    assertThat(failure.message()).isEqualTo(server.url("lane.git") + " does not support atomic pushes. Platinur moves the "
        + "staging branch and the lane state together and never pushes them one by one; enable atomic pushes on the server "
        + "(receive.advertiseAtomic).");
    assertThat(server.pushes()).isZero();
    assertThat(cli.revParse("staging")).isEqualTo(staging);
  }

  @Test
  void a_server_that_stops_taking_atomic_pushes_refuses_the_next_write_and_nothing_moves() {
    StagingLaneService a = lane(host("a"));
    a.apply(writing("p-1", "Orders", "models/orders.sql"), author("ana")).get();
    String staging = cli.revParse("staging");
    String state = cli.revParse("refs/platinur/lanes/staging");
    cli.run("config", "receive.advertiseAtomic", "false");

    PortFailure failure = unavailable(a.apply(writing("p-2", "Revenue", "marts/revenue.sql"), author("ana")));

    assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REJECTED);
    assertThat(failure.message()).contains("does not support atomic pushes");
    assertThat(cli.revParse("staging")).isEqualTo(staging);
    assertThat(cli.revParse("refs/platinur/lanes/staging")).isEqualTo(state);
  }

  @Test
  void the_password_never_reaches_a_message_a_log_line_or_to_string() {
    String token = Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    List<String> texts = new ArrayList<>();
    List<String> logs = CapturedLogs.record(() -> {
      GitStaging git = host("a");
      StagingLaneService a = lane(git);
      texts.add(git.toString());
      texts.add(server.remote("lane.git", SECRET.toCharArray()).toString());
      texts.add(a.apply(writing("p-1", "Orders", "models/orders.sql"), author("ana")).toString());
      texts.add(a.apply(writing("p-2", "Orders again", "models/orders.sql"), author("ana")).toString());
      server.dropNextPush(GitHttpServer.Drop.AFTER_APPLYING);
      texts.add(a.apply(writing("p-3", "Revenue", "marts/revenue.sql"), author("ana")).toString());
      texts.add(a.openPromotionPr(Actor.of("ana")).toString());
      texts.add(a.mergePromotionPr(Actor.of("ana")).toString());
      texts.add(open("intruder", (SECRET + "x").toCharArray()).toString());
      cli.run("config", "receive.advertiseAtomic", "false");
      texts.add(open("late", SECRET.toCharArray()).toString());
    });

    assertThat(texts).hasSize(9).allSatisfy(text -> assertThat(text).doesNotContain(SECRET).doesNotContain(token));
    assertThat(logs).as("JGit's transport logged while this ran").isNotEmpty();
    assertThat(logs).allSatisfy(line -> assertThat(line).doesNotContain(SECRET).doesNotContain(token));
  }
}
