package com.ckengine.demo.launcher;

import com.ckengine.sandbox.KitSandbox;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import javax.servlet.ServletContext;
import org.eclipse.jetty.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.webapp.Configuration;
import org.eclipse.jetty.webapp.FragmentConfiguration;
import org.eclipse.jetty.webapp.WebAppClassLoader;
import org.eclipse.jetty.webapp.WebAppContext;

/**
 * The running demo: Jetty with the storefront at {@code /} and the admin at {@code /admin}. {@link
 * #start(DemoOptions)} returns once both Broadleaf contexts are serving.
 */
public final class DemoServer implements AutoCloseable {
  /** The demo admin login, seeded by {@code sql/ckdemo_seed.sql}. */
  public static final String ADMIN_USER = "admin";

  public static final String ADMIN_PASSWORD = "admin";

  private final Server server;
  private final DemoDatabase database;
  private final DemoKit kit;
  private final int port;
  private final WebAppContext site;
  private final WebAppContext admin;

  private DemoServer(
      Server server,
      DemoDatabase database,
      DemoKit kit,
      int port,
      WebAppContext site,
      WebAppContext admin) {
    this.server = server;
    this.database = database;
    this.kit = kit;
    this.port = port;
    this.site = site;
    this.admin = admin;
  }

  public static DemoServer start(DemoOptions options) throws Exception {
    requireInstrumentationAgent();
    DemoDatabase database = DemoDatabase.from(options);
    String schemaMode = database.schemaMode(options.reset());
    Properties props = System.getProperties();
    database.exportTo(props, schemaMode);
    props.setProperty("ckdemo.data.dir", options.dataDir().getPath());
    props.setProperty("ckdemo.store.url", "http://localhost:" + options.port() + "/");
    DemoKit kit = DemoKit.start(options);
    // The plugin's ckengine.kit.baseUrl (see ckdemo/properties/*/common.properties), and its
    // ckengine.secretKey in a file outside the source tree, read through -Dproperty-override.
    props.setProperty("ckdemo.kit.baseUrl", kit.baseUrl());
    props.setProperty("ckdemo.kit.v4BaseUrl", kit.v4BaseUrl());
    props.setProperty("ckdemo.kit.oauthClientId", kit.oauthClientId());
    props.setProperty("ckdemo.kit.oauthClientSecret", kit.oauthClientSecret());
    DemoSecretKey.useAsPropertyOverride(props, DemoSecretKey.loadOrCreate(options.dataDir()));

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("localhost");
    connector.setPort(options.port());
    server.addConnector(connector);

    // JNDI (java:comp/env) for the appName env-entry each Broadleaf web application reads.
    Configuration.ClassList classes = Configuration.ClassList.setServerDefault(server);
    classes.addAfter(
        FragmentConfiguration.class.getName(),
        EnvConfiguration.class.getName(),
        PlusConfiguration.class.getName());

    // Each web application holds what its war would (docs/install.md's dependency table), over a
    // container loader that shares only the container's jars.
    WarClassPaths wars = WarClassPaths.split(WarClassPaths.launcherEntries());
    ClassLoader container =
        new ContainerClassLoader(DemoServer.class.getClassLoader(), wars.container());
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    // The storefront starts first: it creates the schema and loads the seed data on a fresh
    // database.
    WebAppContext site = webApp("/", "webapps/site", wars.site(), container);
    WebAppContext admin = webApp("/admin", "webapps/admin", wars.admin(), container);
    contexts.addHandler(site);
    contexts.addHandler(admin);
    server.setHandler(contexts);
    server.setStopAtShutdown(false);
    try {
      server.start();
      for (Handler h : contexts.getHandlers()) {
        WebAppContext app = (WebAppContext) h;
        if (app.getUnavailableException() != null || !app.isAvailable()) {
          throw new IllegalStateException(
              "The web application at " + app.getContextPath() + " failed to start",
              app.getUnavailableException());
        }
      }
    } catch (Exception e) {
      server.stop();
      database.shutdown();
      kit.close();
      throw e;
    }
    kit.registerOAuthApp("http://localhost:" + connector.getLocalPort() + "/admin/");
    return new DemoServer(server, database, kit, connector.getLocalPort(), site, admin);
  }

  public int port() {
    return port;
  }

  public String storeUrl() {
    return "http://localhost:" + port + "/";
  }

  public String adminUrl() {
    return "http://localhost:" + port + "/admin/";
  }

  public String databaseDescription() {
    return database.describe();
  }

  /** The Kit v3 API base URL the store talks to (the sandbox's, unless real Kit was asked for). */
  public String kitBaseUrl() {
    return kit.baseUrl();
  }

  /** The offline sandbox, or null when the demo talks to the real Kit. */
  public KitSandbox kitSandbox() {
    return kit.sandbox();
  }

  /** The Kit v4 API base URL the store talks to. */
  public String kitV4BaseUrl() {
    return kit.v4BaseUrl();
  }

  /** The sandbox demo account's V4 API key (null with the real Kit). */
  public String kitSandboxV4ApiKey() {
    return kit.sandboxV4ApiKey();
  }

  /** The sandbox demo account's API secret (null with the real Kit). */
  public String kitSandboxSecret() {
    return kit.sandboxSecret();
  }

  /** The sandbox's state page (null with the real Kit). */
  public String kitSandboxPage() {
    return kit.sandboxPage();
  }

  /**
   * A connection to the store's database, for tools and tests that look at what the store wrote.
   */
  public Connection openDatabaseConnection() throws SQLException {
    return database.connect();
  }

  /**
   * The storefront web application's servlet context and class loader: tools and tests reach the
   * store's Spring beans through them (its classes are its own copies, loaded parent-last).
   */
  public ServletContext siteServletContext() {
    return site.getServletContext();
  }

  public ClassLoader siteClassLoader() {
    return site.getClassLoader();
  }

  /** The admin web application's servlet context and class loader. */
  public ServletContext adminServletContext() {
    return admin.getServletContext();
  }

  public ClassLoader adminClassLoader() {
    return admin.getClassLoader();
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      database.shutdown();
      kit.close();
    }
  }

  private static WebAppContext webApp(
      String contextPath, String resourceFolder, List<String> classPath, ClassLoader container)
      throws IOException {
    URL base = DemoServer.class.getClassLoader().getResource(resourceFolder);
    if (base == null) {
      throw new IllegalStateException(resourceFolder + " is missing from the class path");
    }
    WebAppContext app = new WebAppContext();
    app.setContextPath(contextPath);
    app.setBaseResource(Resource.newResource(base));
    app.setExtraClasspath(String.join(",", classPath));
    // Its own loader over the container's: parent-last, so each web application loads its own
    // copy of Broadleaf and is woven on its own, and sees nothing of the other's class path.
    app.setClassLoader(new WebAppClassLoader(container, app));
    app.setParentLoaderPriority(false);
    app.setThrowUnavailableOnStartupException(true);
    app.setConfigurationDiscovered(false);
    app.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern", "^$");
    app.setAttribute("org.eclipse.jetty.server.webapp.WebInfIncludeJarPattern", "^$");
    // Thymeleaf asks for template paths with "//" in them, which Jetty treats as aliases.
    app.addAliasCheck(new ContextHandler.ApproveAliases());
    app.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
    return app;
  }

  private static void requireInstrumentationAgent() {
    Instrumentation instrumentation;
    try {
      instrumentation =
          org.springframework.instrument.InstrumentationSavingAgent.getInstrumentation();
    } catch (NoClassDefFoundError e) {
      instrumentation = null;
    }
    if (instrumentation == null) {
      throw new IllegalStateException(
          "Broadleaf needs the JVM started with -javaagent:<spring-instrument jar> "
              + "(entity weaving). Start the demo with ./demo (see README.md).");
    }
  }
}
