package io.platinur.domain.forge;

import java.util.regex.Pattern;

/**
 * How the forge a lane runs on names things in the seed's user-facing messages. The seed speaks of
 * GitHub and its PRs; on GitLab the same messages name GitLab and merge requests, byte for byte as
 * {@code docs/forges.md} lists them ({@link #GITHUB}'s are exactly {@code ReleaseLock}'s and
 * {@code CardStatus}'s). The lane's rules and their typed reasons are the same on every
 * forge: only the words change, at the edge where a message is shown ({@link #say}).
 */
public enum ForgeWords {
  /** github.com or GitHub Enterprise Server: the seed's own words. */
  GITHUB("GitHub", "PR"),
  /** gitlab.com or a self-managed GitLab: merge requests. */
  GITLAB("GitLab", "merge request");

  private final String forge;
  private final String pullRequest;

  ForgeWords(String forge, String pullRequest) {
    this.forge = forge;
    this.pullRequest = pullRequest;
  }

  /** The forge's name: {@code GitHub}, {@code GitLab}. */
  public String forge() {
    return forge;
  }

  /** What the forge calls a pull request: {@code PR}, {@code merge request}. */
  public String pullRequest() {
    return pullRequest;
  }

  /** Applying while the promotion PR is open (the seed's first lock message). */
  public String promotionPrOpenMessage() {
    return "A promotion " + pullRequest + " is open. Merge or close it in " + forge + " before applying more staging changes.";
  }

  /** Applying while a merged promotion awaits sync (the seed's second lock message). */
  public String awaitingMainSyncMessage() {
    return "A merged promotion is being finalized from " + forge + " main. Sync Promotions before applying another staging change.";
  }

  /** The status of a card while the promotion PR is open. */
  public String waitingForOpenPr() {
    return "Waiting for open " + pullRequest;
  }

  private static final Pattern NUMBERED_PR = Pattern.compile("\\bPR #(\\d+)");
  private static final Pattern PR = Pattern.compile("\\bPR\\b");

  /**
   * {@code message} in this forge's words: the seed's lock messages and card status, wherever they
   * appear in it, say this forge and its name for a pull request, and so does every other mention of
   * a PR (on GitLab {@code PR #5} is {@code merge request !5}, GitLab's own reference, and {@code the
   * PR's head} is {@code the merge request's head}); every other byte is kept.
   */
  public String say(String message) {
    if (this == GITHUB || message == null) {
      return message;
    }
    String seeds = message
        .replace(GITHUB.promotionPrOpenMessage(), promotionPrOpenMessage())
        .replace(GITHUB.awaitingMainSyncMessage(), awaitingMainSyncMessage())
        .replace(GITHUB.waitingForOpenPr(), waitingForOpenPr());
    String numbered = NUMBERED_PR.matcher(seeds).replaceAll(pullRequest + " !$1");
    return PR.matcher(numbered).replaceAll(pullRequest);
  }
}
