package com.ckengine.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/install.md, "What comes along", names exactly the jars that come along with plugin-core into
 * a site (its runtime dependencies, as the build resolved them into {@code
 * target/runtime-dependencies.txt}), with their versions; and its dependency snippets name this
 * build's version.
 */
class InstallGuideDependenciesTest {
  private static final Pattern LISTED =
      Pattern.compile(
          "^\\s+([\\w.-]+):([\\w.-]+):jar:([\\w.-]+):(compile|runtime)", Pattern.MULTILINE);
  private static final Pattern IN_GUIDE =
      Pattern.compile("^\\|\\s*`([\\w.-]+):([\\w.-]+):([\\w.-]+)`", Pattern.MULTILINE);

  @Test
  void theGuideListsEveryJarThatComesAlongAndNothingElse() {
    Path list = Paths.get("target/runtime-dependencies.txt");
    assertTrue(
        Files.isRegularFile(list),
        list.toAbsolutePath()
            + " is made by the build (mvn -pl plugin-core test): run the test through Maven");
    Set<String> resolved = new TreeSet<String>();
    Matcher m = LISTED.matcher(RepositoryFiles.read(list));
    while (m.find()) resolved.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
    assertTrue(
        resolved.stream().anyMatch(d -> d.contains(":okhttp-jvm:")), "nothing parsed from " + list);

    String guide = RepositoryFiles.read(RepositoryFiles.root().resolve("docs/install.md"));
    Set<String> documented = new TreeSet<String>();
    Matcher g = IN_GUIDE.matcher(RepositoryFiles.section(guide, "Dependencies"));
    while (g.find()) documented.add(g.group(1) + ":" + g.group(2) + ":" + g.group(3));

    assertEquals(
        String.join("\n", resolved),
        String.join("\n", documented),
        "docs/install.md, 'What comes along' must list exactly plugin-core's runtime dependencies");
  }

  @Test
  void theGuidesSnippetsNameThisVersion() {
    String version = null;
    Matcher m = LISTED.matcher(RepositoryFiles.read(Paths.get("target/runtime-dependencies.txt")));
    while (m.find()) if (m.group(2).equals("plugin-api")) version = m.group(3);
    assertTrue(version != null, "plugin-api is not among plugin-core's dependencies");
    String section =
        RepositoryFiles.section(
            RepositoryFiles.read(RepositoryFiles.root().resolve("docs/install.md")),
            "Dependencies");
    Matcher v = Pattern.compile("<version>([^<]+)</version>").matcher(section);
    int snippets = 0;
    while (v.find()) {
      snippets++;
      assertEquals(
          version, v.group(1), "a dependency snippet of docs/install.md names another version");
    }
    assertEquals(2, snippets, "one snippet for the storefront war and one for the admin war");
  }
}
