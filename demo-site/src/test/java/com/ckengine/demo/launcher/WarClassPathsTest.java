package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarClassPathsTest {
  @TempDir Path dir;

  @Test
  void splitsByWhatEachEntryHolds() throws Exception {
    String pluginAdminClasses =
        folderWith("plugin-admin/target/classes", "bl-ckengine-admin-applicationContext.xml");
    String broadleafAdmin =
        jarWith("broadleaf-admin-module-3.1.15-GA.jar", "bl-admin-applicationContext.xml");
    String pluginCore =
        jarWith("plugin-core-0.1.0-SNAPSHOT.jar", "bl-ckengine-applicationContext.xml");
    String demoClasses = folderWith("demo-site/target/classes", "ckdemo/ckdemo-admin-servlet.xml");
    String jetty = jarWith("jetty-server-9.4.57.jar", "org/eclipse/jetty/server/Server.class");
    String driver = jarWith("postgresql-42.7.13.jar", "org/postgresql/Driver.class");

    WarClassPaths wars =
        WarClassPaths.split(
            List.of(demoClasses, pluginCore, pluginAdminClasses, jetty, broadleafAdmin, driver));

    assertEquals(List.of(jetty, driver), wars.container());
    assertEquals(List.of(demoClasses, pluginCore), wars.site());
    assertEquals(
        List.of(demoClasses, pluginCore, pluginAdminClasses, broadleafAdmin), wars.admin());
  }

  @Test
  void theContainerLoaderSharesOnlyTheContainersEntries() throws Exception {
    ClassLoader launcher = getClass().getClassLoader();
    String junit = location(Test.class);
    ClassLoader container = new ContainerClassLoader(launcher, List.of(junit));

    assertSame(Test.class, container.loadClass(Test.class.getName()));
    assertSame(String.class, container.loadClass("java.lang.String"));
    assertThrows(ClassNotFoundException.class, () -> container.loadClass(getClass().getName()));
    assertNotNull(container.getResource(Test.class.getName().replace('.', '/') + ".class"));
    assertNull(container.getResource(getClass().getName().replace('.', '/') + ".class"));
  }

  private static String location(Class<?> c) throws Exception {
    return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
  }

  private String folderWith(String name, String resource) throws Exception {
    Path folder = dir.resolve(name);
    Path file = folder.resolve(resource);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "<beans/>");
    return folder.toString();
  }

  private String jarWith(String name, String resource) throws Exception {
    File jar = dir.resolve(name).toFile();
    try (ZipOutputStream out = new ZipOutputStream(new FileOutputStream(jar))) {
      out.putNextEntry(new ZipEntry(resource));
      out.write(1);
      out.closeEntry();
    }
    return jar.getPath();
  }
}
