package io.platinur.git;

import static io.platinur.git.Fixtures.AUTHOR;
import static io.platinur.git.Fixtures.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platinur.domain.Actor;
import io.platinur.domain.InvalidValueException;
import io.platinur.domain.lane.LaneEvent;
import io.platinur.domain.lane.RejectionReason;
import io.platinur.domain.lane.StagingLane;
import io.platinur.domain.proposal.Proposal;
import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitId;
import io.platinur.port.AuditEntry;
import io.platinur.port.LaneStateStore.LaneVersion;
import io.platinur.port.LaneStateStore.StoredLane;
import io.platinur.port.LaneStateStore;
import io.platinur.port.PortFailure;
import io.platinur.port.PullRequestHost;
import io.platinur.port.StagingRepository;
import io.platinur.testkit.contract.LaneStateStoreContract;
import io.platinur.testkit.contract.PullRequestHostContract;
import io.vavr.Tuple3;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lane kept in a shared remote (file:// here): fetch before reading, atomic push with expected ids to write. */
class GitRemoteTest {

  static GitStaging host(Path dir, String name) {
    return GitStaging.openWithRemote(dir.resolve(name + "-cache.git"), GitRemote.of(dir.resolve("lane.git").toUri().toString()), Fixtures.CONFIG)
        .getOrElseThrow(f -> new AssertionError(f.toString()));
  }

  @Nested
  class Two_hosts_sharing_a_remote {
    @TempDir Path dir;
    GitStaging a;
    GitStaging b;
    GitCli server;

    @BeforeEach
    void start() {
      Fixtures.init(dir).close();
      server = new GitCli(dir.resolve("lane.git"));
      a = host(dir, "a");
      b = host(dir, "b");
    }

    @AfterEach
    void stop() {
      a.close();
      b.close();
      server.assertFsckClean();
    }

    @Test
    void an_apply_on_one_host_lands_on_the_remote_and_the_other_host_reads_it() {
      LaneWriter.Outcome outcome = LaneWriter.apply(a, writing("p-1", "Orders", "models/orders.sql"), "ada");

      CommitId commit = ((LaneWriter.Applied) outcome).commit();
      assertThat(server.revParse("staging")).isEqualTo(commit.hex());
      assertThat(server.run("show", "refs/platinur/lanes/staging:batch/000/000")).startsWith("staged\tp-1\t" + commit.hex());
      StagingLane seenByB = b.laneStateStore().load().get().get().lane();
      assertThat(seenByB.stagingHead()).isEqualTo(commit);
      assertThat(b.staging().readBatch().get().proposals().map(p -> p.id().value())).containsExactly("p-1");
    }

    @Test
    void of_two_hosts_saving_from_the_same_version_one_wins_and_the_other_gets_a_conflict_changing_nothing() {
      LaneStateStore storeA = a.laneStateStore();
      LaneStateStore storeB = b.laneStateStore();
      CommitId production = a.staging().heads().get().production();
      StagingLane start = StagingLane.start(production);
      Proposal pa = writing("p-a", "From A", "a.sql");
      Proposal pb = writing("p-b", "From B", "b.sql");
      CommitId ca = a.staging().writeProposalCommit(production, pa, AUTHOR).get();
      CommitId cb = b.staging().writeProposalCommit(production, pb, AUTHOR).get();
      Seq<LaneEvent> ea = start.apply(pa, ca).get();
      Seq<LaneEvent> eb = start.apply(pb, cb).get();
      AuditEntry audit = new AuditEntry(Actor.of("ada"), Instant.parse("2026-11-24T12:00:00Z"), "Apply");

      StoredLane won = storeA.save(Option.none(), start.after(ea).get(), ea, audit).get();
      PortFailure lost = storeB.save(Option.none(), start.after(eb).get(), eb, audit).getLeft();

      assertThat(lost.kind()).isEqualTo(PortFailure.Kind.CONFLICT);
      assertThat(server.revParse("staging")).isEqualTo(ca.hex());
      assertThat(server.revParse("refs/platinur/lanes/staging")).isEqualTo(won.version().token());
      // B re-reads, re-checks and gets in after A
      assertThat(LaneWriter.apply(b, pb, "bob")).isInstanceOf(LaneWriter.Applied.class);
      assertThat(server.log("main..staging")).hasSize(2);
    }

    @Test
    void a_push_the_remote_refuses_as_non_fast_forward_is_rejected_and_changes_nothing() {
      server.run("config", "receive.denyNonFastForwards", "true");
      LaneWriter.apply(a, writing("p-1", "Orders", "models/orders.sql"), "ada");
      BranchNameHeads heads = new BranchNameHeads(a.staging().heads().get().staging(), a.staging().heads().get().production());

      PortFailure failure = a.staging().moveStaging(heads.staging(), heads.production()).getLeft();

      assertThat(failure.kind()).isEqualTo(PortFailure.Kind.REJECTED);
      assertThat(failure.message()).contains("non-fast-forward");
      assertThat(server.revParse("staging")).isEqualTo(heads.staging().hex());
    }

    @Test
    void a_process_dying_right_after_its_push_leaves_a_lane_the_next_process_reads_whole() {
      Proposal proposal = writing("p-1", "Orders", "models/orders.sql");
      InstrumentedRepo.Lane dying = InstrumentedRepo.openWithRemote(dir.resolve("c-cache.git"),
          GitRemote.of(dir.resolve("lane.git").toUri().toString()), Fixtures.CONFIG);
      dying.repo().crashAt(step -> {
        if (step.equals("push-sent")) {
          throw new IllegalStateException("process died after " + step);
        }
      });
      try (GitStaging c = dying.git()) {
        assertThatThrownBy(() -> LaneWriter.apply(c, proposal, "ada")).hasMessageContaining("push-sent");
      }
      // the remote took the push; the dead process's cache never heard of it
      assertThat(new GitCli(dir.resolve("c-cache.git")).revParse("staging")).isNotEqualTo(server.revParse("staging"));

      try (GitStaging restarted = host(dir, "c")) {
        StagingLane lane = restarted.laneStateStore().load().get().get().lane();
        assertThat(lane.batch().proposals().map(p -> p.id().value())).containsExactly("p-1");
        assertThat(lane.stagingHead()).isEqualTo(restarted.staging().heads().get().staging());
        assertThat(LaneWriter.apply(restarted, proposal, "ada")).isInstanceOfSatisfying(LaneWriter.Rejected.class,
            r -> assertThat(r.rejection().reason()).isEqualTo(RejectionReason.ALREADY_STAGED));
      }
      assertThat(server.log("main..staging")).hasSize(1);
    }
  }

  record BranchNameHeads(CommitId staging, CommitId production) {}

  @Nested
  class Bad_remotes_and_credentials {
    @TempDir Path dir;

    @Test
    void credentials_never_show_in_to_string() {
      GitRemote remote = GitRemote.of("https://git.example.com/data/analytics.git").withCredentials("bot", "s3cr3t-token".toCharArray());
      assertThat(remote.toString()).doesNotContain("s3cr3t-token").contains("git.example.com").contains("credentials: set");
    }

    @Test
    void a_url_carrying_a_password_is_refused_without_repeating_it() {
      assertThatThrownBy(() -> GitRemote.of("https://bot:s3cr3t-token@git.example.com/a.git"))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageNotContaining("s3cr3t-token");
    }

    @Test
    void an_unreachable_remote_is_unavailable_and_the_message_holds_no_secret() {
      GitRemote remote = GitRemote.of("https://127.0.0.1:9/nowhere.git").withCredentials("bot", "s3cr3t-token".toCharArray());
      PortFailure failure = GitStaging.openWithRemote(dir.resolve("cache.git"), remote, Fixtures.CONFIG).getLeft();
      assertThat(failure.kind()).isIn(PortFailure.Kind.UNAVAILABLE, PortFailure.Kind.NOT_FOUND);
      assertThat(failure.toString()).doesNotContain("s3cr3t-token").doesNotContain("bot@");
    }

    @Test
    void an_ssh_remote_has_a_transport_and_an_unreachable_one_is_unavailable() {
      // SSH runs inside the JVM (Apache MINA sshd), not through an ssh program the host may lack
      assertThat(org.eclipse.jgit.transport.SshSessionFactory.getInstance().getClass().getName())
          .startsWith("org.eclipse.jgit.transport.sshd.");
      GitRemote remote = GitRemote.of("ssh://git@127.0.0.1:9/nowhere.git");
      PortFailure failure = GitStaging.openWithRemote(dir.resolve("cache.git"), remote, Fixtures.CONFIG).getLeft();
      assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNAVAILABLE);
      assertThat(failure.message()).isEqualTo(remote.describe() + " could not be reached.");
    }

    @Test
    void https_credentials_are_offered_to_the_server_and_a_refusal_is_unauthorized_without_the_secret() throws Exception {
      java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
      com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
          authorizations.add(authorization);
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
      });
      server.start();
      try {
        // plain http on the loopback only because the JDK's test server speaks no TLS; https takes the same path
        GitRemote remote = GitRemote.of("http://127.0.0.1:" + server.getAddress().getPort() + "/data/lane.git")
            .withCredentials("bot", "s3cr3t-token".toCharArray());

        PortFailure failure = GitStaging.openWithRemote(dir.resolve("cache.git"), remote, Fixtures.CONFIG).getLeft();

        assertThat(failure.kind()).isEqualTo(PortFailure.Kind.UNAUTHORIZED);
        assertThat(failure.toString()).doesNotContain("s3cr3t-token");
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("bot:s3cr3t-token".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(authorizations).contains(expected);
      } finally {
        server.stop(0);
      }
    }

    @Test
    void a_missing_file_remote_is_not_found() {
      PortFailure failure = GitStaging.openWithRemote(dir.resolve("cache.git"), GitRemote.of(dir.resolve("none.git").toUri().toString()), Fixtures.CONFIG)
          .getLeft();
      assertThat(failure.kind()).isIn(PortFailure.Kind.NOT_FOUND, PortFailure.Kind.UNAVAILABLE);
    }
  }

  @Nested
  class Lane_state_store_contract_over_a_remote extends LaneStateStoreContract {
    @TempDir Path dir;

    @Override
    protected World newWorld() {
      Fixtures.init(dir).close();
      GitStaging git = host(dir, "host");
      return new World() {
        @Override
        public LaneStateStore store() {
          return git.laneStateStore();
        }

        @Override
        public StagingRepository staging() {
          return git.staging();
        }

        @Override
        public void close() {
          git.close();
          new GitCli(dir.resolve("lane.git")).assertFsckClean();
        }
      };
    }
  }

  @Nested
  class Pull_request_host_contract_over_a_remote extends PullRequestHostContract {
    @TempDir Path dir;

    @Override
    protected World newWorld() {
      Fixtures.init(dir).close();
      GitStaging git = host(dir, "host");
      GitCli server = new GitCli(dir.resolve("lane.git"));
      return new World() {
        @Override
        public PullRequestHost host() {
          return git.offlinePullRequests();
        }

        @Override
        public BranchName staging() {
          return Fixtures.STAGING;
        }

        @Override
        public BranchName production() {
          return Fixtures.MAIN;
        }

        @Override
        public CommitId advanceStaging(String fileName) {
          CommitId head = git.staging().heads().get().staging();
          CommitId next = git.staging().writeProposalCommit(head, writing("p-" + fileName.replace('.', '-'), "Add " + fileName, fileName), AUTHOR).get();
          return git.staging().moveStaging(head, next).get();
        }

        @Override
        public CommitId productionHead() {
          return CommitId.of(server.revParse("main"));
        }

        @Override
        public boolean productionContains(CommitId commit) {
          return server.tryRun("merge-base", "--is-ancestor", commit.hex(), "main").exit() == 0;
        }

        @Override
        public void close() {
          git.close();
          server.assertFsckClean();
        }
      };
    }
  }
}
