package io.platinur.cli;

import io.platinur.application.core.UseCaseFailure;
import io.platinur.domain.Refusal;
import io.platinur.domain.lane.CommandRejection;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * How a command answers: text for people or one JSON object for scripts on standard output;
 * rejections (exit 2, the rule's exact message) and errors (exit 1, one line) on standard error.
 */
final class Out {
  static final int DONE = 0;
  static final int ERROR = 1;
  static final int REJECTED = 2;

  private final String command;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final Progress progress;

  Out(String command, PrintWriter out, PrintWriter err, boolean json) {
    this.command = command;
    this.out = out;
    this.err = err;
    this.json = json;
    this.progress = new Progress(err, Progress.wanted());
  }

  boolean json() {
    return json;
  }

  PrintWriter out() {
    return out;
  }

  <T> T during(String what, Supplier<T> work) {
    String before = waitingFor;
    waitingFor = what;
    try {
      return progress.during(what, work);
    } finally {
      waitingFor = before;
    }
  }

  /** What the command is doing now, in the words progress shows ("" between steps). */
  private volatile String waitingFor = "";

  /** Set when the command stopped waiting for its work: nothing the work says afterwards is printed. */
  private boolean stopped;

  /** Stops printing what the work says from now on; returns what it was doing. */
  synchronized String stopAnswering() {
    stopped = true;
    return waitingFor;
  }

  /** An error printed even after {@link #stopAnswering()}: the command's own last word. */
  synchronized int errorNow(String kind, String message) {
    stopped = false;
    int exit = error(kind, message);
    stopped = true;
    return exit;
  }

  private volatile io.platinur.domain.forge.ForgeWords words = io.platinur.domain.forge.ForgeWords.GITHUB;

  /** From now on, the seed's messages are printed in {@code words} (GitLab's on a GitLab lane). */
  void speak(io.platinur.domain.forge.ForgeWords words) {
    this.words = words;
  }

  /** Success: the text, or the JSON object with {@code ok} and {@code command} first. */
  synchronized int done(String text, Json fields) {
    text = words.say(text);
    if (stopped) {
      return ERROR;
    }
    if (json) {
      Json answer = Json.object().put("ok", true).put("command", command);
      fields.forEach(answer::put);
      out.println(answer);
    } else {
      out.println(text);
    }
    out.flush();
    return DONE;
  }

  /** A use case's failure: a rule's refusal (exit 2, its reason in {@code --json}) or a port's (exit 1). */
  int failed(UseCaseFailure<?> failure) {
    return failure.fold(
        rejection -> rejected(reasonOf(rejection), rejection.message()),
        unavailable -> error(unavailable.kind().name(), unavailable.message()));
  }

  /** The lane's typed reason ({@code FILE_OVERLAP}), or the refusal's kind in the same form. */
  private static String reasonOf(Refusal refusal) {
    return refusal instanceof CommandRejection command
        ? command.reason().name()
        : refusal.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  /** A rule said no: its exact message alone on standard error, exit 2. */
  int rejected(String reason, String message) {
    return rejected(reason, message, Json.object());
  }

  /** A rejection with more fields for {@code --json}. */
  synchronized int rejected(String reason, String message, Json extra) {
    message = words.say(message);
    if (stopped) {
      return REJECTED;
    }
    err.println(message);
    err.flush();
    if (json) {
      Json answer = Json.object().put("ok", false).put("command", command).put("outcome", "rejected")
          .put("reason", reason).put("message", message);
      extra.forEach(answer::put);
      out.println(answer);
      out.flush();
    }
    return REJECTED;
  }

  /** Something went wrong that is not a rule: one line on standard error, exit 1. */
  synchronized int error(String kind, String message) {
    message = words.say(message);
    if (stopped) {
      return ERROR;
    }
    err.println("platinur " + command + ": " + message);
    err.flush();
    if (json) {
      out.println(Json.object().put("ok", false).put("command", command).put("outcome", "error")
          .put("kind", kind).put("message", message));
      out.flush();
    }
    return ERROR;
  }
}
