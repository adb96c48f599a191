package com.ckengine.demo.launcher;

import com.ckengine.sandbox.DemoAccount;
import com.ckengine.sandbox.KitSandbox;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;

/**
 * Where the demo's ConvertKit is: the offline sandbox, started here with the demo account, or the
 * real Kit API when {@code --kit-base-url} names it. The sandbox keeps its state in memory, so the
 * demo account's API secret is kept in the data folder and the account is recreated with it (and
 * the same tags, hence the same tag ids) at every start: an integration connected in the admin
 * stays valid.
 */
final class DemoKit implements AutoCloseable {
  private final KitSandbox sandbox;
  private final String baseUrl;
  private final String sandboxSecret;

  private DemoKit(KitSandbox sandbox, String baseUrl, String sandboxSecret) {
    this.sandbox = sandbox;
    this.baseUrl = baseUrl;
    this.sandboxSecret = sandboxSecret;
  }

  static DemoKit start(DemoOptions options) throws IOException {
    if (options.kitBaseUrl() != null) {
      return new DemoKit(null, options.kitBaseUrl(), null);
    }
    KitSandbox sandbox = KitSandbox.builder().port(options.kitPort()).build().start();
    String secret =
        DemoAccount.create(sandbox, demoSecret(new File(options.dataDir(), "kit-sandbox-secret")));
    return new DemoKit(sandbox, sandbox.baseUrl(), secret);
  }

  /** The base URL of the Kit v3 API the store talks to. */
  String baseUrl() {
    return baseUrl;
  }

  boolean isSandbox() {
    return sandbox != null;
  }

  /** The sandbox's page showing subscribers, tags and purchases. */
  String sandboxPage() {
    return sandbox == null ? null : "http://localhost:" + sandbox.port() + "/";
  }

  /**
   * The demo account's API secret, to paste in the admin (sandbox only; a real secret is never
   * shown).
   */
  String sandboxSecret() {
    return sandboxSecret;
  }

  KitSandbox sandbox() {
    return sandbox;
  }

  @Override
  public void close() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static String demoSecret(File file) throws IOException {
    if (file.isFile()) {
      String kept = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8).trim();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    StringBuilder secret = new StringBuilder("sandbox_");
    for (byte b : bytes) {
      secret.append(String.format("%02x", b));
    }
    File dir = file.getParentFile();
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new IOException("Cannot create " + dir);
    }
    Files.write(file.toPath(), secret.toString().getBytes(StandardCharsets.UTF_8));
    return secret.toString();
  }
}
