package io.platinur.cli;

import io.platinur.application.LaneFailure;
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
    return progress.during(what, work);
  }

  /** Success: the text, or the JSON object with {@code ok} and {@code command} first. */
  int done(String text, Json fields) {
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

  int failed(LaneFailure failure) {
    return failure.fold(
        rejected -> rejected(rejected.rejection().reason().name(), rejected.message()),
        unavailable -> error(unavailable.failure().kind().name(), unavailable.message()));
  }

  /** A rule said no: its exact message alone on standard error, exit 2. */
  int rejected(String reason, String message) {
    return rejected(reason, message, Json.object());
  }

  /** A rejection with more fields for {@code --json}. */
  int rejected(String reason, String message, Json extra) {
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
  int error(String kind, String message) {
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
