package dev.graspsync.it.bench.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code integration-tests/bench/naive-copier.mjs} (nostr-tools) and reads its one-line
 * JSON summary. Installs the npm packages first when {@code node_modules} is missing.
 */
final class NaiveCopier {
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");

  private NaiveCopier() {}

  /** The summary's numeric fields (received, unique, accepted, duplicates, refused, ms). */
  static Map<String, Long> run(Path basedir, String target, List<String> sources, boolean verify, Path log) {
    ensureNodeModules(basedir, log);
    List<String> command = new ArrayList<>(List.of("node", "bench/naive-copier.mjs", "--target", target));
    if (!verify) {
      command.add("--no-verify");
    }
    command.addAll(sources);
    try {
      Process p = new ProcessBuilder(command).directory(basedir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("naive copier failed (exit " + p.exitValue() + "); see " + log);
      }
      Map<String, Long> fields = new HashMap<>();
      Matcher m = FIELD.matcher(out);
      while (m.find()) {
        fields.put(m.group(1), Long.parseLong(m.group(2)));
      }
      return fields;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void ensureNodeModules(Path basedir, Path log) {
    if (Files.isDirectory(basedir.resolve("node_modules").resolve("nostr-tools"))) {
      return;
    }
    try {
      Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(basedir.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed; see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
