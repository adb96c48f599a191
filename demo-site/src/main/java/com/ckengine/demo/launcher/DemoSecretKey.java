package com.ckengine.demo.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's key for encrypting ConvertKit API secrets at rest ({@code ckengine.secretKey}): a
 * random 256-bit key made on first start and kept in the data folder, readable by its owner only. A
 * store in production configures its own key instead (docs/engine.md).
 */
final class DemoSecretKey {
  static final String FILE_NAME = "ckengine-secret.key";

  private DemoSecretKey() {}

  static String loadOrCreate(File dataDir) throws IOException {
    File file = new File(dataDir, FILE_NAME);
    if (file.isFile()) {
      String kept = new String(Files.readAllBytes(file.toPath()), StandardCharsets.US_ASCII).trim();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    if (!dataDir.isDirectory() && !dataDir.mkdirs()) {
      throw new IOException("Cannot create the data folder " + dataDir);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String encoded = Base64.getEncoder().encodeToString(key);
    Files.write(file.toPath(), encoded.getBytes(StandardCharsets.US_ASCII));
    try {
      Files.setPosixFilePermissions(file.toPath(), PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's own permissions apply.
    }
    return encoded;
  }
}
