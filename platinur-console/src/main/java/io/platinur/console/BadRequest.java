package io.platinur.console;

/** A request the console refuses with a 4xx status and a message, having changed nothing. */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }
}
