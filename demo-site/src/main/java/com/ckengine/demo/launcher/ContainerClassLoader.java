package com.ckengine.demo.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The servlet container as a web application sees it: the JDK and the container's shared jars
 * ({@link WarClassPaths#container()}), nothing else the launcher holds. The parent of each web
 * application's class loader, so that a war sees only its own class path and what a container would
 * give it, the way Tomcat's common loader works.
 *
 * <p>Shared classes are the launcher's own (not copies), so the servlet API of the web applications
 * is Jetty's.
 */
final class ContainerClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ClassLoader launcher;
  private final List<Path> shared = new ArrayList<>();

  ContainerClassLoader(ClassLoader launcher, List<String> sharedEntries) {
    // The JDK's own modules (java.sql too): the launcher's parent, the platform loader. (Compiled
    // for release 8 with Broadleaf's scanned classes, hence not getPlatformClassLoader().)
    super(launcher.getParent());
    this.launcher = launcher;
    for (String entry : sharedEntries) shared.add(new File(entry).getAbsoluteFile().toPath());
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    URL url = launcher.getResource(name.replace('.', '/') + ".class");
    if (url == null || !isShared(url)) throw new ClassNotFoundException(name);
    return launcher.loadClass(name);
  }

  @Override
  protected URL findResource(String name) {
    URL url = launcher.getResource(name);
    return url != null && isShared(url) ? url : null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    List<URL> found = new ArrayList<>();
    for (URL url : Collections.list(launcher.getResources(name))) {
      if (isShared(url)) found.add(url);
    }
    return Collections.enumeration(found);
  }

  private boolean isShared(URL url) {
    Path location = location(url);
    if (location == null) return false;
    for (Path entry : shared) {
      if (location.equals(entry) || location.startsWith(entry)) return true;
    }
    return false;
  }

  /** The jar a {@code jar:file:...!/x} URL points into, or the file of a {@code file:} URL. */
  private static Path location(URL url) {
    String s = url.toString();
    try {
      if (s.startsWith("jar:")) {
        int bang = s.indexOf("!/");
        return Paths.get(new URI(s.substring(4, bang < 0 ? s.length() : bang)));
      }
      if (s.startsWith("file:")) return Paths.get(url.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    return null;
  }
}
