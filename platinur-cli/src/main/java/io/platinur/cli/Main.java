package io.platinur.cli;



/** Entry point of the {@code platinur} command (the runnable jar's main class). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(PlatinurCommand.run(args, System.out, System.err));
  }
}
