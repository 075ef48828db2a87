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
    if (!home.exists() && (common.github != null || common.gitlab != null)) {
      // Before init there is no lane to try the token on: say whether it is there at all.
      String forge = common.gitlab != null ? "GitLab" : "GitHub";
      String where = common.gitlab != null ? common.gitlab : common.github;
      String token = common.env.apply(common.tokenEnv());
      if (token == null || token.isBlank()) {
        return out.error("UNAUTHORIZED", "No " + forge + " token: the environment variable " + common.tokenEnv()
            + " is not set. Export a token with access to " + where + ", or name another variable with --token-env.");
      }
      return out.done("A " + forge + " token is set in " + common.tokenEnv() + "; run ‘platinur init --" + forge.toLowerCase(java.util.Locale.ROOT)
          + " " + where + "’ to try it against " + forge + ".",
          Json.object().put("host", forge.toLowerCase(java.util.Locale.ROOT)).put("tokenPresent", true).put("tried", false));
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
      if (lane.forge.isDefined()) {
        LaneContext.ForgeLink forge = lane.forge.get();
        var found = out.during("Reading " + forge.words().pullRequest() + "s on " + forge.name(),
            () -> forge.pullRequests().findOpenPromotionPr(lane.config.staging(), lane.config.production()));
        if (found.isLeft()) {
          return out.error(found.getLeft().kind().name(), found.getLeft().message());
        }
        String host = forge.name().toLowerCase(java.util.Locale.ROOT);
        return out.done("The " + forge.name() + " token in " + common.tokenEnv(lane.config.gitlab().isDefined())
            + " works: fetched the lane's branches and read the " + (host.equals("github") ? "pull" : "merge") + " requests of "
            + forge.where() + ".", Json.object().put("host", host).put(host, forge.where())
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
