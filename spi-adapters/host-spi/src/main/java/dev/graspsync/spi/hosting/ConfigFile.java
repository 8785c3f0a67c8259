package dev.graspsync.spi.hosting;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads a Java properties file (UTF-8) into a map. */
public final class ConfigFile {
  private ConfigFile() {}

  public static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new HostConfigException("configuration file " + file + " does not exist or is not a file");
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new HostConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    return toMap(props);
  }

  public static Map<String, String> toMap(Properties props) {
    Map<String, String> out = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      out.put(name, props.getProperty(name));
    }
    return out;
  }
}
