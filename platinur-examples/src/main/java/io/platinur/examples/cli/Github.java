package io.platinur.examples.cli;

/** What the command says about GitHub while this build has no GitHub adapter. */
final class Github {
  private Github() {}

  static String unavailable(String repository) {
    return "GitHub lanes (" + repository + ") need the GitHub adapter, which this build does not include; "
        + "use the offline pull-request host (leave out --github).";
  }
}
