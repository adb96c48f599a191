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
 * The demo is installed exactly as docs/install.md says: the same plugin artifacts; in each war's
 * web.xml the same plugin patch files, after Broadleaf's own and before the site's; the admin's
 * servlet files; the menu rows added by the admin itself, with no import file; and no property for
 * what the guide says needs none. A change to either the guide or the demo's wiring without the
 * other fails here.
 */
class InstallGuideWiringTest {
  /** A plugin patch file (servlet files are listed elsewhere: they take no patch files). */
  private static final Pattern PLUGIN_FILE =
      Pattern.compile("classpath:/bl-ckengine(?![\\w-]*-servlet)[\\w-]*\\.xml");

  /** A plugin servlet file, for the admin's DispatcherServlet. */
  private static final Pattern PLUGIN_SERVLET_FILE =
      Pattern.compile("classpath:/[\\w-]*ckengine[\\w-]*-servlet\\.xml");

  private static final String PLUGIN_ADMIN_SQL = "/config/bc/sql/ckengine_admin_permissions.sql";

  @Test
  void theStorefrontWarListsThePatchFilesTheGuideNames() throws Exception {
    checkWar("Storefront war", "webapps/site/WEB-INF/web.xml");
  }

  @Test
  void theAdminWarListsThePatchFilesTheGuideNames() throws Exception {
    checkWar("Admin war", "webapps/admin/WEB-INF/web.xml");
  }

  @Test
  void theAdminsDispatcherServletListsTheServletFilesTheGuideNames() throws Exception {
    String guide = subsection(section(guide(), "Admin war"), "The admin screens");
    List<String> documented = matches(PLUGIN_SERVLET_FILE, guide);
    assertTrue(documented.size() >= 2, "the guide names the admin's servlet files: " + documented);
    String xml = read(Paths.get("src/main/resources/webapps/admin/WEB-INF/web.xml"));
    Matcher m =
        Pattern.compile(
                "<param-name>contextConfigLocation</param-name>\\s*<param-value>(.*?)</param-value>",
                Pattern.DOTALL)
            .matcher(xml);
    assertTrue(m.find(), "the admin's DispatcherServlet has no contextConfigLocation");
    String servletFiles = m.group(1);
    assertEquals(
        documented,
        matches(PLUGIN_SERVLET_FILE, servletFiles),
        "admin web.xml contextConfigLocation vs docs/install.md, 'The admin screens'");
    assertTrue(
        servletFiles.indexOf("applicationContext-servlet-open-admin.xml")
            < servletFiles.indexOf(documented.get(0)),
        "the plugin's servlet files come after Broadleaf's own: " + servletFiles);
    for (String file : documented) {
      assertNotNull(
          getClass().getResource(file.substring("classpath:".length())),
          file + " is not on the class path");
    }
  }

  @Test
  void theMenuRowsNeedNoImportFileTheAdminAddsThemAtStart() throws Exception {
    // docs/install.md, 'The admin screens': the admin adds its rows when it starts; the SQL file is
    // documented for schemas a DBA manages, never as an import file to add.
    String guide = subsection(section(guide(), "Admin war"), "The admin screens");
    String inJar = PLUGIN_ADMIN_SQL.substring(1);
    assertTrue(guide.contains(inJar), "the guide names " + inJar + " for a DBA to run");
    assertTrue(
        guide.contains("com.ckengine.admin.access.AdminRowsInstaller"),
        "the guide says what adds the rows");
    assertTrue(
        !guide.contains("import_files=") || !importLine(guide).contains(PLUGIN_ADMIN_SQL),
        "the guide still lists " + PLUGIN_ADMIN_SQL + " in the import files");
    String imports = property(siteProperties(), "blPU.hibernate.hbm2ddl.import_files");
    assertTrue(
        !imports.contains(PLUGIN_ADMIN_SQL),
        "the demo's storefront imports "
            + PLUGIN_ADMIN_SQL
            + ", so the demo would not show"
            + " that the admin adds the rows itself: "
            + imports);
    String adminContext;
    try (java.io.InputStream in =
        getClass().getResourceAsStream("/bl-ckengine-admin-applicationContext.xml")) {
      adminContext = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(
        adminContext.contains("com.ckengine.admin.access.AdminRowsInstaller"),
        "the admin patch file declares the bean that adds the rows");
    assertNotNull(getClass().getResource(PLUGIN_ADMIN_SQL), PLUGIN_ADMIN_SQL + " is in the jar");
  }

  /** The guide's import_files line, or "". */
  private static String importLine(String text) {
    Matcher m = Pattern.compile("(?m)^.*import_files=.*$").matcher(text);
    return m.find() ? m.group() : "";
  }

  @Test
  void theDemoSetsNoDeliveryPropertyTheGuideSaysIsNotNeeded() throws Exception {
    // docs/install.md, 'What runs where': the admin war never delivers, with no property.
    for (String war : new String[] {"admin", "site"}) {
      String props =
          read(Paths.get("src/main/resources/ckdemo/properties/" + war + "/common.properties"));
      for (String key :
          new String[] {"ckengine.delivery.enabled", "ckengine.admin.delivery.enabled"}) {
        assertTrue(
            property(props, key) == null,
            "the demo's "
                + war
                + " properties set "
                + key
                + ", which the guide says is not needed");
      }
    }
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
    return matches(PLUGIN_FILE, text);
  }

  /** Each distinct match, in order. */
  private static List<String> matches(Pattern pattern, String text) {
    List<String> out = new ArrayList<String>();
    Matcher m = pattern.matcher(text);
    while (m.find()) if (!out.contains(m.group())) out.add(m.group());
    return out;
  }

  private static String siteProperties() throws IOException {
    return read(Paths.get("src/main/resources/ckdemo/properties/site/common.properties"));
  }

  /** A key's value in a properties text (not commented out), or null. */
  private static String property(String properties, String key) {
    Matcher m =
        Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*(.*)$").matcher(properties);
    return m.find() ? m.group(1).trim() : null;
  }

  /** The text under "### title" up to the next heading of level 2 or 3. */
  private static String subsection(String markdown, String title) {
    Matcher m = Pattern.compile("(?m)^### " + Pattern.quote(title) + "\\s*$").matcher(markdown);
    assertTrue(m.find(), "docs/install.md has no section '### " + title + "'");
    Matcher next = Pattern.compile("(?m)^###? ").matcher(markdown);
    int end = next.find(m.end()) ? next.start() : markdown.length();
    return markdown.substring(m.end(), end);
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
