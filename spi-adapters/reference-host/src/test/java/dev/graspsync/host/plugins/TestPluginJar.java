package dev.graspsync.host.plugins;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.spi.RelayPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar at test time: the source below is compiled with the JDK's
 * compiler and packed with its ServiceLoader entry, so the relay loads it through its own
 * class loader exactly as it loads grasp-sync (a class on the test classpath would be
 * loaded by the parent and skipped).
 *
 * <p>The plugin reports through files in its data directory: {@code started} (with the
 * relay's URL), {@code accepted.log} (one "id SOURCE" line per accepted event),
 * {@code stopped}, {@code serving} (what serveHttp returned). Its properties: {@code answer}
 * (0-100, to test a bad value), {@code throw-on-event}, {@code ingest-on-startup} (event JSON
 * it ingests when started), {@code serve-http} (a path it answers GET on with "served by ID").
 */
final class TestPluginJar {
  private TestPluginJar() {}

  static Path build(Path pluginsDir, String pluginId, Path workDir) {
    String pkg = "testplugin." + pluginId.replace('-', '_');
    String source = """
        package PKG;

        import dev.graspsync.nostr.event.Event;
        import dev.graspsync.spi.*;
        import io.vertx.core.Future;
        import java.nio.file.*;

        public final class RecorderPlugin implements RelayPlugin {
          public String id() { return "ID"; }

          public void register(RelayHost host) {
            PluginConfig config = host.config();
            config.getInt("answer", 42, 0, 100);
            boolean throwOnEvent = config.getBoolean("throw-on-event", false);
            Path dir = host.dataDir();
            host.meters().counter("testplugin.registered", "plugin", "ID").increment();
            host.onStartup(() -> {
              write(dir.resolve("started"), host.identity().urls().get(0));
              return config.get("ingest-on-startup")
                  .map(json -> host.ingest(Event.fromJson(json), IngestSource.plugin("ID", "ws://remote.invalid"))
                      .map(verdict -> { write(dir.resolve("ingested"), verdict.toString()); return (Void) null; }))
                  .orElse(Future.succeededFuture());
            });
            host.onEventAccepted(accepted -> {
              if (throwOnEvent) {
                throw new IllegalStateException("plugin ID throws on purpose");
              }
              append(dir.resolve("accepted.log"), accepted.event().id() + " " + accepted.source().kind() + "\\n");
            });
            host.onShutdown(() -> { write(dir.resolve("stopped"), "bye"); return Future.succeededFuture(); });
            config.get("serve-http").ifPresent(path ->
                write(dir.resolve("serving"), String.valueOf(host.serveHttp(path, req -> req.response().end("served by ID")))));
          }

          private static void write(Path file, String text) {
            try { Files.writeString(file, text); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
          }

          private static void append(Path file, String text) {
            try {
              Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
          }
        }
        """.replace("PKG", pkg).replace("ID", pluginId);
    try {
      Path src = workDir.resolve("src-" + pluginId);
      Path classes = workDir.resolve("classes-" + pluginId);
      Path file = src.resolve(pkg.replace('.', '/')).resolve("RecorderPlugin.java");
      Files.createDirectories(file.getParent());
      Files.createDirectories(classes);
      Files.writeString(file, source);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      String classpath = Stream.of(RelayPlugin.class, Event.class, Future.class, MeterRegistry.class)
          .map(TestPluginJar::location).collect(Collectors.joining(java.io.File.pathSeparator));
      int rc = javac.run(null, null, null, "-proc:none", "-d", classes.toString(), "-cp", classpath, file.toString());
      if (rc != 0) {
        throw new IllegalStateException("test plugin did not compile");
      }
      Files.createDirectories(pluginsDir);
      Path jar = pluginsDir.resolve(pluginId + ".jar");
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
          Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          jarOut.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          jarOut.write(Files.readAllBytes(p));
          jarOut.closeEntry();
        }
        jarOut.putNextEntry(new JarEntry("META-INF/services/" + RelayPlugin.class.getName()));
        jarOut.write((pkg + ".RecorderPlugin\n").getBytes(StandardCharsets.UTF_8));
        jarOut.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
