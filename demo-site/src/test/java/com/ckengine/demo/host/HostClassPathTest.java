package com.ckengine.demo.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo's host holds none of the old jars docs/jdk17-host.md, "Hardening: old jars", removes:
 * checked on the runtime class path the build resolved ({@code target/runtime-classpath.txt}, what
 * {@code ./demo} runs with) and on this test JVM's class path (what the demo's boot tests run
 * with).
 */
class HostClassPathTest {
  /** Jar file names that must not be there, and why. */
  private static final String[][] DENIED = {
    {"struts-core-", "Struts 1 (end of life, unused)"},
    {"struts-taglib-", "Struts 1 (end of life, unused)"},
    {"struts-tiles-", "Struts 1 (end of life, unused)"},
    {"sslext-", "Struts 1 SSL plug-in (unused)"},
    {"log4j-1.", "log4j 1.2 (unmaintained, public vulnerabilities): reload4j replaces it"},
    {"slf4j-log4j12-", "SLF4J's binding to log4j 1.2: slf4j-reload4j replaces it"},
  };

  @Test
  void theBuildsRuntimeClassPathHoldsNoneOfTheDenyList() throws Exception {
    Path file = Paths.get("target/runtime-classpath.txt");
    assertTrue(
        Files.isRegularFile(file),
        file.toAbsolutePath() + " is written by the build (mvn -pl demo-site test)");
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    check("target/runtime-classpath.txt", Arrays.asList(text.split(File.pathSeparator)));
  }

  @Test
  void thisJvmsClassPathHoldsNoneOfTheDenyList() {
    check(
        "java.class.path",
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
  }

  private static void check(String where, List<String> entries) {
    List<String> names = new ArrayList<String>();
    for (String e : entries) names.add(Paths.get(e).getFileName().toString());
    assertTrue(names.size() > 50, where + " looks empty: " + names);
    List<String> problems = new ArrayList<String>();
    for (String name : names) {
      for (String[] denied : DENIED) {
        if (name.startsWith(denied[0])) problems.add(name + ": " + denied[1]);
      }
      atLeast(name, "commons-fileupload-", 1, 6, "commons-fileupload before 1.6", problems);
      atLeast(
          name, "commons-io-", 2, 19, "commons-fileupload 1.6 needs commons-io 2.19+", problems);
      atLeast(
          name,
          "commons-beanutils-",
          1,
          11,
          "commons-beanutils before 1.11 (class loader reachable through 'class')",
          problems);
    }
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("reload4j-")),
        where + ": reload4j, the site's log4j, is missing");
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("commons-beanutils-")),
        where + ": commons-beanutils (Broadleaf's bean copying) is missing");
    assertTrue(
        names.stream().anyMatch(n -> n.startsWith("commons-fileupload-")),
        where + ": commons-fileupload (admin uploads) is missing");
    assertTrue(problems.isEmpty(), where + " holds denied jars:\n" + String.join("\n", problems));
  }

  private static void atLeast(
      String name, String prefix, int major, int minor, String why, List<String> problems) {
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)\\.(\\d+).*\\.jar").matcher(name);
    if (!m.matches()) return;
    int ma = Integer.parseInt(m.group(1));
    int mi = Integer.parseInt(m.group(2));
    if (ma < major || (ma == major && mi < minor)) problems.add(name + ": " + why);
  }
}
