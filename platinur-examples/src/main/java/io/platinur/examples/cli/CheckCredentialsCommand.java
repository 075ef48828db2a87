package io.platinur.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;

/**
 * {@code platinur check-credentials}: can this lane do its work with what it was given? Offline,
 * that is the repository being readable and writable; with GitHub, a token in the named
 * environment variable. The token's value is never printed.
 */
@Command(name = "check-credentials", mixinStandardHelpOptions = true,
    description = {"Check that the lane can work: offline, the repository is readable and writable;",
        "with --github, a token is present in the environment variable named by --token-env (its value is never shown)."})
final class CheckCredentialsCommand extends LaneCommand {
  @Override
  int run(Out out) throws IOException {
    if (common.github != null) {
      String token = System.getenv(common.tokenEnv);
      if (token == null || token.isBlank()) {
        return out.error("UNAUTHORIZED", "No GitHub token: the environment variable " + common.tokenEnv
            + " is not set. Export a token with access to " + common.github + ", or name another variable with --token-env.");
      }
      return out.error("UNAVAILABLE", Github.unavailable(common.github));
    }
    return withLane(out, lane -> {
      var heads = lane.git.staging().heads();
      if (heads.isLeft()) {
        return out.error(heads.getLeft().kind().name(), heads.getLeft().message());
      }
      var stored = lane.git.laneStateStore().load();
      if (stored.isLeft()) {
        return out.error(stored.getLeft().kind().name(), stored.getLeft().message());
      }
      if (!Files.isWritable(lane.config.repository())) {
        return out.error("UNAUTHORIZED", "The repository " + lane.config.repository() + " is not writable by this user.");
      }
      return out.done("Offline pull-request host: no credentials are needed. Repository " + lane.config.repository()
          + " is readable and writable; branches " + lane.config.staging() + " and " + lane.config.production() + " exist.",
          Json.object().put("host", "offline").put("repository", lane.config.repository().toString())
              .put("readable", true).put("writable", true));
    });
  }
}
