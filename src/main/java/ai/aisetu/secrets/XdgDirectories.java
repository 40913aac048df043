package ai.aisetu.secrets;

import java.nio.file.Path;
import java.util.Map;

/** The XDG base directories, read from an environment map so tests never touch the real home. */
final class XdgDirectories {
  private XdgDirectories() {}

  static Path configHome(Map<String, String> env) {
    return baseDirectory(env, "XDG_CONFIG_HOME", ".config");
  }

  static Path stateHome(Map<String, String> env) {
    return baseDirectory(env, "XDG_STATE_HOME", ".local/state");
  }

  /** The variable if it holds an absolute path (the XDG spec says to ignore relative ones). */
  private static Path baseDirectory(Map<String, String> env, String variable, String underHome) {
    String value = env.get(variable);
    if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) return Path.of(value);
    return home(env).resolve(underHome);
  }

  static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    if (home == null || home.isBlank()) home = System.getProperty("user.home");
    return Path.of(home);
  }
}
