package com.ckengine.demo.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The demo's key for encrypting ConvertKit API secrets at rest ({@code ckengine.secretKey}): a
 * random 256-bit key made on first start and kept in the data folder, in a properties file readable
 * by its owner only, outside the source tree. The launcher names that file with {@code
 * -Dproperty-override}, which Broadleaf's RuntimeEnvironmentPropertiesConfigurer reads last: the
 * way docs/install.md, 'Encryption key', tells a site to keep its own key.
 */
final class DemoSecretKey {
  static final String FILE_NAME = "ckengine-override.properties";

  /** Where demos before the override file kept the bare key; it is moved into the new file. */
  static final String OLD_FILE_NAME = "ckengine-secret.key";

  static final String PROPERTY = "ckengine.secretKey";

  private DemoSecretKey() {}

  /** The override file of {@code dataDir}, holding a key (made or carried over when missing). */
  static File loadOrCreate(File dataDir) throws IOException {
    File file = new File(dataDir, FILE_NAME);
    if (!key(file).isEmpty()) {
      return file;
    }
    if (!dataDir.isDirectory() && !dataDir.mkdirs()) {
      throw new IOException("Cannot create the data folder " + dataDir);
    }
    File old = new File(dataDir, OLD_FILE_NAME);
    String key =
        old.isFile()
            ? new String(Files.readAllBytes(old.toPath()), StandardCharsets.US_ASCII).trim()
            : "";
    if (key.isEmpty()) {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      key = Base64.getEncoder().encodeToString(bytes);
    }
    String text =
        "# The demo's key for Kit API secrets at rest, made on its first start. Broadleaf reads this\n"
            + "# file through -Dproperty-override (docs/install.md, 'Encryption key').\n"
            + PROPERTY
            + "="
            + key
            + "\n";
    Files.write(file.toPath(), new byte[0]);
    ownerOnly(file);
    Files.write(file.toPath(), text.getBytes(StandardCharsets.US_ASCII));
    if (old.isFile()) {
      Files.delete(old.toPath());
    }
    return file;
  }

  /** The key kept in {@code file}, or "" when there is none. */
  static String key(File file) throws IOException {
    if (!file.isFile()) {
      return "";
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file.toPath())) {
      p.load(in);
    }
    return p.getProperty(PROPERTY, "").trim();
  }

  /**
   * Points Broadleaf at the override file: {@code property-override}, unless the person starting
   * the demo named their own file there; then {@code property-shared-override}, which Broadleaf
   * reads just before it (so their file still wins).
   */
  static void useAsPropertyOverride(Properties system, File file) {
    for (String name : new String[] {"property-override", "property-shared-override"}) {
      String current = system.getProperty(name);
      if (current == null || new File(current).getName().equals(FILE_NAME)) {
        system.setProperty(name, file.getAbsolutePath());
        return;
      }
    }
    // Both are the user's own files: they carry the key.
  }

  private static void ownerOnly(File file) throws IOException {
    try {
      Files.setPosixFilePermissions(file.toPath(), PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's own permissions apply.
    }
  }
}
