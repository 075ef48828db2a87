package io.platinur.cli;

import java.io.IOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;

/**
 * {@code platinur check-credentials}: can this lane do its work with what it was given? Offline,
 * that is the repository being readable and writable; with GitHub, a token in the named
 * environment variable. The token's value is never printed.
 */
@Command(name = "check-credentials", mixinStandardHelpOptions = true,
    description = {"Check that the lane can work with the credentials it has.",
        "Offline: the repository is readable and writable. With --github: a token is present in the environment variable named by --token-env (its value is never shown)."})
final class CheckCredentialsCommand extends LaneCommand {
  @Override
  int run(Out out) throws IOException {
    LaneHome home = new LaneHome(common.dir());
    if (!home.exists() && common.github != null) {
      // Before init there is no lane to try the token on: say whether it is there at all.
      String token = common.env.apply(common.tokenEnv);
      if (token == null || token.isBlank()) {
        return out.error("UNAUTHORIZED", "No GitHub token: the environment variable " + common.tokenEnv
            + " is not set. Export a token with access to " + common.github + ", or name another variable with --token-env.");
      }
      return out.done("A GitHub token is set in " + common.tokenEnv + "; run ‘platinur init --github " + common.github
          + "’ to try it against GitHub.", Json.object().put("host", "github").put("tokenPresent", true).put("tried", false));
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
      if (lane.github.isDefined()) {
        var found = out.during("Reading pull requests on GitHub",
            () -> lane.github.get().pullRequests().findOpenPromotionPr(lane.config.staging(), lane.config.production()));
        if (found.isLeft()) {
          return out.error(found.getLeft().kind().name(), found.getLeft().message());
        }
        return out.done("The GitHub token in " + common.tokenEnv + " works: fetched the lane's branches and read the pull requests of "
            + lane.config.github().get() + ".", Json.object().put("host", "github").put("github", lane.config.github().get())
                .put("tokenPresent", true).put("tried", true));
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
