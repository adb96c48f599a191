package com.ckengine.demo.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * What each of the demo's two web applications holds, as its war would on a real site: the
 * launcher's class path split by {@code docs/install.md}'s dependency table.
 *
 * <ul>
 *   <li>The <b>container</b>'s jars stay with the launcher and are shared, as a servlet container
 *       shares its own: the servlet API and Jetty, the instrumentation agent (it saved its {@code
 *       Instrumentation} in the launcher's copy), the JDBC drivers (one embedded database engine
 *       for both web applications) and the offline Kit sandbox the launcher runs.
 *   <li>The <b>storefront war</b> holds the rest but what only an admin war has: plugin-admin (the
 *       admin war's one dependency) and Broadleaf's admin module. plugin-core, the storefront's one
 *       dependency, comes with what it brings.
 *   <li>The <b>admin war</b> holds the rest, plugin-admin and with it plugin-core.
 * </ul>
 *
 * <p>The demo's own classes are in both, as a Broadleaf site keeps its own code in a jar both of
 * its wars hold. An entry is told apart by what it contains, not by its file name, so the split is
 * the same whether Maven hands over a jar or a module's {@code target/classes}.
 */
final class WarClassPaths {
  /** File names (prefixes) of the container's jars; an entry starting with "/" matches a path. */
  private static final String[] CONTAINER_JARS = {
    "jetty-",
    "javax.servlet-api",
    "spring-instrument",
    "hsqldb",
    "postgresql",
    "checker-qual",
    "/kit-sandbox"
  };

  /**
   * Resources only an admin war's jars contain: plugin-admin's patch file and Broadleaf's admin
   * module's.
   */
  private static final String[] ADMIN_ONLY_MARKERS = {
    "bl-ckengine-admin-applicationContext.xml", "bl-admin-applicationContext.xml"
  };

  private final List<String> container;
  private final List<String> site;
  private final List<String> admin;

  private WarClassPaths(List<String> container, List<String> site, List<String> admin) {
    this.container = Collections.unmodifiableList(container);
    this.site = Collections.unmodifiableList(site);
    this.admin = Collections.unmodifiableList(admin);
  }

  /** Splits class path entries (jars and folders) in their order. */
  static WarClassPaths split(List<String> entries) {
    List<String> container = new ArrayList<>();
    List<String> site = new ArrayList<>();
    List<String> admin = new ArrayList<>();
    for (String entry : entries) {
      if (entry.isEmpty()) continue;
      if (isContainer(entry)) {
        container.add(entry);
        continue;
      }
      admin.add(entry);
      if (!holdsAny(new File(entry), ADMIN_ONLY_MARKERS)) site.add(entry);
    }
    return new WarClassPaths(container, site, admin);
  }

  /**
   * The class path the web applications are built from: {@code ckdemo.webapps.classpath} when set
   * (the tests set it to the demo's runtime class path, leaving out JUnit, Selenium and the tests'
   * own classes), else the launcher's own class path ({@code ./demo} starts it with exactly the
   * runtime class path).
   */
  static List<String> launcherEntries() {
    String path = System.getProperty("ckdemo.webapps.classpath");
    if (path == null || path.trim().isEmpty()) path = System.getProperty("java.class.path");
    List<String> entries = new ArrayList<>();
    for (String e : path.split(File.pathSeparator)) {
      if (!e.trim().isEmpty()) entries.add(e.trim());
    }
    return entries;
  }

  /** Shared by both web applications, loaded by the launcher. */
  List<String> container() {
    return container;
  }

  /** The storefront war's own class path. */
  List<String> site() {
    return site;
  }

  /** The admin war's own class path. */
  List<String> admin() {
    return admin;
  }

  private static boolean isContainer(String entry) {
    String path = entry.replace('\\', '/');
    String file = path.substring(path.lastIndexOf('/') + 1);
    for (String jar : CONTAINER_JARS) {
      if (jar.startsWith("/") ? path.contains(jar) : file.startsWith(jar)) return true;
    }
    return false;
  }

  private static boolean holdsAny(File entry, String[] resources) {
    if (entry.isDirectory()) {
      for (String r : resources) {
        if (new File(entry, r).isFile()) return true;
      }
      return false;
    }
    if (!entry.isFile()) return false;
    try (ZipFile jar = new ZipFile(entry)) {
      for (String r : resources) {
        if (jar.getEntry(r) != null) return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read class path entry " + entry, e);
    }
  }
}
