package dev.graspsync.it.bench.report;

/** Whether a figure meets its target; {@code INFO} when it has none. */
public enum Verdict {
  MET("met"), MISSED("**missed**"), INFO("");

  private final String text;

  Verdict(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  public static Verdict of(boolean met) {
    return met ? MET : MISSED;
  }
}
