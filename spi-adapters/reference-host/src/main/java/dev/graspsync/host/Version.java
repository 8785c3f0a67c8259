package dev.graspsync.host;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The relay's version, written into a resource at build time. */
final class Version {
  private Version() {}

  static String current() {
    Properties props = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/graspsync/host/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String v = props.getProperty("version", "unknown");
    return v.startsWith("${") ? "unknown" : v;
  }
}
