package io.platinur.examples.spring;

import io.platinur.domain.repository.BranchName;
import io.platinur.domain.repository.CommitAuthor;
import io.platinur.git.GitLaneConfig;
import io.platinur.git.GitStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A host application on the Spring Boot starter. Everything Platinur needs is in
 * {@code application.properties}; this class only makes a bare repository to run on the first
 * time (a real host points {@code platinur.repository.path} or {@code url} at its own), and
 * {@link LaneController} is the host's own code driving the lane bean.
 *
 * <p>Run this {@code main} from the IDE (or {@code SampleHostTest}, which starts the same
 * application on a random port and drives it), then:
 *
 * <pre>
 * curl -X POST localhost:8080/lane/proposals -H 'Content-Type: application/json' \
 *   -d '{"id":"p-1","title":"Add orders model","path":"models/orders.sql","content":"select 1\n"}'
 * curl localhost:8080/lane ; curl localhost:8080/actuator/health
 * </pre>
 */
@SpringBootApplication
public class SampleHost {
  public static void main(String[] args) {
    Path repository = Path.of(System.getProperty("platinur.repository.path", "target/sample-lane.git"));
    ensureRepository(repository);
    System.setProperty("platinur.repository.path", repository.toString());
    SpringApplication.run(SampleHost.class, args);
  }

  /** Makes a bare repository with the branches main and staging at {@code repository}, unless one is there; true when it made one. */
  static boolean ensureRepository(Path repository) {
    if (Files.exists(repository)) {
      return false;
    }
    GitStaging.init(repository, GitLaneConfig.of(BranchName.of("main"), BranchName.of("staging")),
        new CommitAuthor("Sample host", "sample@example.com", Instant.now())).get().close();
    return true;
  }
}
