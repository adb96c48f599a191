package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ckengine.demo.launcher.DemoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's storefront and admin each see what their war would hold by docs/install.md's
 * dependency table: the storefront plugin-core and no admin jar, the admin plugin-admin; neither
 * sees the tests' class path, and the container's servlet API is shared.
 */
class TwoWarsTest {
  private static final String PLUGIN_ADMIN_CLASS = "com.ckengine.admin.screens.IntegrationSetup";
  private static final String PLUGIN_ADMIN_PATCH = "bl-ckengine-admin-applicationContext.xml";
  private static final String BROADLEAF_ADMIN_CLASS =
      "org.broadleafcommerce.admin.server.service.AdminCatalogServiceImpl";
  private static final String PLUGIN_CORE_CLASS = "com.ckengine.engine.IntegrationEngine";

  private static DemoServer demo;

  @BeforeAll
  static void start() throws Exception {
    demo = RunningDemo.get();
  }

  @Test
  void theStorefrontCannotLoadPluginAdminOrBroadleafsAdminModule() {
    ClassLoader site = demo.siteClassLoader();
    assertThrows(ClassNotFoundException.class, () -> site.loadClass(PLUGIN_ADMIN_CLASS));
    assertNull(site.getResource(PLUGIN_ADMIN_PATCH), "plugin-admin's patch file");
    assertThrows(ClassNotFoundException.class, () -> site.loadClass(BROADLEAF_ADMIN_CLASS));
    assertNull(site.getResource("bl-admin-applicationContext.xml"), "Broadleaf's admin patch file");
  }

  @Test
  void theAdminHasPluginAdminAndThePluginCoreItBrings() throws Exception {
    ClassLoader admin = demo.adminClassLoader();
    assertSame(admin, admin.loadClass(PLUGIN_ADMIN_CLASS).getClassLoader());
    assertNotNull(admin.getResource(PLUGIN_ADMIN_PATCH));
    assertSame(admin, admin.loadClass(BROADLEAF_ADMIN_CLASS).getClassLoader());
    assertSame(admin, admin.loadClass(PLUGIN_CORE_CLASS).getClassLoader());
  }

  @Test
  void eachWarHasItsOwnPluginCore() throws Exception {
    Class<?> inSite = demo.siteClassLoader().loadClass(PLUGIN_CORE_CLASS);
    Class<?> inAdmin = demo.adminClassLoader().loadClass(PLUGIN_CORE_CLASS);
    assertSame(demo.siteClassLoader(), inSite.getClassLoader());
    assertNotSame(inSite, inAdmin);
  }

  @Test
  void neitherWarSeesTheTestsClassPath() {
    for (ClassLoader war : new ClassLoader[] {demo.siteClassLoader(), demo.adminClassLoader()}) {
      assertThrows(ClassNotFoundException.class, () -> war.loadClass(TwoWarsTest.class.getName()));
      assertThrows(ClassNotFoundException.class, () -> war.loadClass("org.junit.jupiter.api.Test"));
      assertThrows(
          ClassNotFoundException.class, () -> war.loadClass("org.openqa.selenium.WebDriver"));
    }
  }

  @Test
  void bothWarsShareTheContainersServletApi() throws Exception {
    assertSame(
        javax.servlet.ServletContext.class,
        demo.siteClassLoader().loadClass("javax.servlet.ServletContext"));
    assertSame(
        javax.servlet.ServletContext.class,
        demo.adminClassLoader().loadClass("javax.servlet.ServletContext"));
  }
}
