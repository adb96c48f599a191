package com.ckengine.demo.launcher;

import java.io.File;

/**
 * What the demo is started with: port, data folder, database. Immutable; read from command-line
 * arguments by {@link #parse(String[])} or built by tests with {@link #builder()}.
 */
public final class DemoOptions {
  /** The data folder when none is given: {@code ./demo-data} beside where the demo was started. */
  public static final String DEFAULT_DATA_DIR = "demo-data";

  private final int port;
  private final File dataDir;
  private final boolean reset;
  private final String jdbcUrl;
  private final String jdbcUser;
  private final String jdbcPassword;
  private final String kitBaseUrl;
  private final String kitV4BaseUrl;
  private final int kitPort;

  private DemoOptions(Builder b) {
    this.port = b.port;
    this.dataDir = b.dataDir.getAbsoluteFile();
    this.reset = b.reset;
    this.jdbcUrl = b.jdbcUrl;
    this.jdbcUser = b.jdbcUser;
    this.jdbcPassword = b.jdbcPassword;
    this.kitBaseUrl = b.kitBaseUrl;
    this.kitV4BaseUrl = b.kitV4BaseUrl;
    this.kitPort = b.kitPort;
  }

  public int port() {
    return port;
  }

  public File dataDir() {
    return dataDir;
  }

  /** Whether to throw away what the previous run stored and start from the seed data. */
  public boolean reset() {
    return reset;
  }

  /** The JDBC URL of an external database (PostgreSQL), or null for the embedded file database. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String jdbcUser() {
    return jdbcUser;
  }

  public String jdbcPassword() {
    return jdbcPassword;
  }

  public boolean embeddedDatabase() {
    return jdbcUrl == null;
  }

  /**
   * The Kit v3 API to use (e.g. https://api.convertkit.com/v3/), or null for the offline sandbox.
   */
  public String kitBaseUrl() {
    return kitBaseUrl;
  }

  /**
   * The Kit v4 API to use (e.g. https://api.kit.com/v4/), or null: the sandbox's, or Kit's own when
   * {@link #kitBaseUrl()} names the real Kit.
   */
  public String kitV4BaseUrl() {
    return kitV4BaseUrl;
  }

  /** True when the demo talks to a Kit elsewhere instead of starting the offline sandbox. */
  public boolean usesRealKit() {
    return kitBaseUrl != null || kitV4BaseUrl != null;
  }

  /** The offline sandbox's port (0: any free port). */
  public int kitPort() {
    return kitPort;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code --port N}, {@code --data DIR}, {@code --reset}, {@code --db-url URL}, {@code
   * --db-user U}, {@code --db-password P}. Environment variables {@code CKDEMO_DB_URL}, {@code
   * CKDEMO_DB_USER} and {@code CKDEMO_DB_PASSWORD} are the defaults of the last three, so that a
   * password need not stand on a command line.
   */
  public static DemoOptions parse(String[] args) {
    Builder b =
        builder()
            .jdbcUrl(System.getenv("CKDEMO_DB_URL"))
            .jdbcUser(System.getenv("CKDEMO_DB_USER"))
            .jdbcPassword(System.getenv("CKDEMO_DB_PASSWORD"));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ("--reset".equals(arg)) {
        b.reset(true);
      } else if ("--port".equals(arg)) {
        b.port(parsePort(value(args, ++i, arg)));
      } else if ("--data".equals(arg)) {
        b.dataDir(new File(value(args, ++i, arg)));
      } else if ("--db-url".equals(arg)) {
        b.jdbcUrl(value(args, ++i, arg));
      } else if ("--db-user".equals(arg)) {
        b.jdbcUser(value(args, ++i, arg));
      } else if ("--db-password".equals(arg)) {
        b.jdbcPassword(value(args, ++i, arg));
      } else if ("--kit-base-url".equals(arg)) {
        b.kitBaseUrl(value(args, ++i, arg));
      } else if ("--kit-v4-base-url".equals(arg)) {
        b.kitV4BaseUrl(value(args, ++i, arg));
      } else if ("--kit-port".equals(arg)) {
        b.kitPort(parsePort(value(args, ++i, arg)));
      } else if ("--help".equals(arg) || "-h".equals(arg)) {
        throw new IllegalArgumentException(usage());
      } else {
        throw new IllegalArgumentException("Unknown option '" + arg + "'.\n" + usage());
      }
    }
    return b.build();
  }

  public static String usage() {
    return "Options: [--port 8080] [--data ./demo-data] [--reset] "
        + "[--db-url jdbc:postgresql://host:5432/db --db-user U --db-password P] "
        + "[--kit-port 8089 | --kit-base-url https://api.convertkit.com/v3/ "
        + "--kit-v4-base-url https://api.kit.com/v4/]";
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("Option " + option + " needs a value.\n" + usage());
    }
    return args[i];
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--port wants a number from 0 to 65535, not '" + text + "'");
    }
  }

  public static final class Builder {
    private int port = 8080;
    private File dataDir = new File(DEFAULT_DATA_DIR);
    private boolean reset;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private String kitBaseUrl;
    private String kitV4BaseUrl;
    private int kitPort = 8089;

    /** 0 picks a free port (tests). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder dataDir(File dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder reset(boolean reset) {
      this.reset = reset;
      return this;
    }

    public Builder jdbcUrl(String url) {
      this.jdbcUrl = blankToNull(url);
      return this;
    }

    public Builder jdbcUser(String user) {
      this.jdbcUser = blankToNull(user);
      return this;
    }

    public Builder jdbcPassword(String password) {
      this.jdbcPassword = password;
      return this;
    }

    public Builder kitBaseUrl(String url) {
      this.kitBaseUrl = blankToNull(url);
      return this;
    }

    public Builder kitV4BaseUrl(String url) {
      this.kitV4BaseUrl = blankToNull(url);
      return this;
    }

    public Builder kitPort(int port) {
      this.kitPort = port;
      return this;
    }

    public DemoOptions build() {
      if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://...); "
                + "leave it out to use the embedded database");
      }
      if (kitBaseUrl != null && !kitBaseUrl.matches("https?://.+")) {
        throw new IllegalArgumentException(
            "--kit-base-url must be an http(s) URL, e.g. https://api.convertkit.com/v3/");
      }
      if (kitV4BaseUrl != null && !kitV4BaseUrl.matches("https?://.+")) {
        throw new IllegalArgumentException(
            "--kit-v4-base-url must be an http(s) URL, e.g. https://api.kit.com/v4/");
      }
      return new DemoOptions(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.trim().isEmpty() ? null : s.trim();
    }
  }
}
