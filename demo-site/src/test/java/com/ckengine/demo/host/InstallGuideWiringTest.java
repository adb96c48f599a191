package com.ckengine.demo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo is installed exactly as docs/install.md says: the same plugin artifacts, and in each
 * war's web.xml the same plugin patch files, after Broadleaf's own and before the site's. A change
 * to either the guide or the demo's wiring without the other fails here.
 */
class InstallGuideWiringTest {
  private static final Pattern PLUGIN_FILE = Pattern.compile("classpath:/bl-ckengine[\\w-]*\\.xml");

  @Test
  void theStorefrontWarListsThePatchFilesTheGuideNames() throws Exception {
    checkWar("Storefront war", "webapps/site/WEB-INF/web.xml");
  }

  @Test
  void theAdminWarListsThePatchFilesTheGuideNames() throws Exception {
    checkWar("Admin war", "webapps/admin/WEB-INF/web.xml");
  }

  @Test
  void theDemoDependsOnThePluginArtifactsTheGuideNames() throws Exception {
    String dependencies = section(guide(), "Dependencies");
    Set<String> documented = new TreeSet<String>();
    Matcher m =
        Pattern.compile("<groupId>com\\.ckengine</groupId>\\s*<artifactId>([\\w-]+)</artifactId>")
            .matcher(dependencies);
    while (m.find()) documented.add(m.group(1));
    assertEquals(2, documented.size(), "one artifact per war in the guide: " + documented);

    String pom = read(Paths.get("pom.xml"));
    Set<String> demo = new TreeSet<String>();
    Matcher d =
        Pattern.compile(
                "<dependency><groupId>com\\.ckengine</groupId><artifactId>([\\w-]+)</artifactId></dependency>")
            .matcher(pom);
    while (d.find()) demo.add(d.group(1));
    // The demo's own stand-in for Kit is not part of an installation.
    demo.remove("kit-sandbox");
    assertEquals(documented, demo, "demo-site/pom.xml vs docs/install.md, 'Dependencies'");
  }

  private void checkWar(String section, String webXml) throws Exception {
    List<String> documented = pluginFiles(section(guide(), section));
    assertTrue(!documented.isEmpty(), "the guide's '" + section + "' names no patch file");
    String xml = read(Paths.get("src/main/resources").resolve(webXml));
    String patch = patchConfigLocation(xml);
    assertEquals(
        new TreeSet<String>(documented),
        new TreeSet<String>(pluginFiles(patch)),
        webXml + " vs docs/install.md, '" + section + "'");
    List<String> entries = new ArrayList<String>();
    for (String e : patch.trim().split("\\s+")) entries.add(e);
    int lastBroadleaf = -1;
    int firstSite = entries.size();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      if (e.startsWith("classpath:/bl-") && !PLUGIN_FILE.matcher(e).matches()) lastBroadleaf = i;
      if (!e.startsWith("classpath:/bl-") && firstSite == entries.size()) firstSite = i;
    }
    for (String file : documented) {
      int at = entries.indexOf(file);
      assertTrue(
          at > lastBroadleaf && at < firstSite,
          file + " must come after Broadleaf's files and before the site's: " + entries);
      assertNotNull(
          getClass().getResource(file.substring("classpath:".length())),
          file + " is not on the class path");
    }
  }

  private static List<String> pluginFiles(String text) {
    List<String> out = new ArrayList<String>();
    Matcher m = PLUGIN_FILE.matcher(text);
    while (m.find()) if (!out.contains(m.group())) out.add(m.group());
    return out;
  }

  private static String patchConfigLocation(String webXml) {
    Matcher m =
        Pattern.compile(
                "<param-name>patchConfigLocation</param-name>\\s*<param-value>(.*?)</param-value>",
                Pattern.DOTALL)
            .matcher(webXml);
    assertTrue(m.find(), "no patchConfigLocation");
    return m.group(1);
  }

  private static String guide() throws IOException {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/install.md")))
        return read(p.resolve("docs/install.md"));
    }
    throw new IllegalStateException(
        "docs/install.md not found above " + Paths.get("").toAbsolutePath());
  }

  /** The text under "## title" up to the next level-2 heading. */
  private static String section(String markdown, String title) {
    Matcher m = Pattern.compile("(?m)^## " + Pattern.quote(title) + "\\s*$").matcher(markdown);
    assertTrue(m.find(), "docs/install.md has no section '## " + title + "'");
    Matcher next = Pattern.compile("(?m)^## ").matcher(markdown);
    int end = next.find(m.end()) ? next.start() : markdown.length();
    return markdown.substring(m.end(), end);
  }

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }
}
