package com.ckengine.demo.launcher;

import com.ckengine.sandbox.DemoAccount;
import com.ckengine.sandbox.KitSandbox;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;

/**
 * Where the demo's ConvertKit is: the offline sandbox, started here with the demo account and an
 * OAuth app for "Connect with Kit", or the real Kit API when {@code --kit-base-url} or {@code
 * --kit-v4-base-url} names it. The sandbox keeps its state in memory, so the demo account's API
 * secret is kept in the data folder and the account is recreated with it (and the same tags, hence
 * the same tag ids) at every start: an integration connected in the admin stays valid. Its V4 API
 * key is kept beside it the same way.
 */
final class DemoKit implements AutoCloseable {
  /** Kit's own addresses, for the real Kit. */
  static final String KIT_V3 = "https://api.convertkit.com/v3/";

  static final String KIT_V4 = "https://api.kit.com/v4/";

  /** The demo store's Kit app in the sandbox, for "Connect with Kit". */
  static final String OAUTH_CLIENT_ID = "ckdemo-store";

  private final KitSandbox sandbox;
  private final String baseUrl;
  private final String v4BaseUrl;
  private final String sandboxSecret;
  private final String sandboxV4ApiKey;
  private final String oauthClientSecret;

  private DemoKit(
      KitSandbox sandbox,
      String baseUrl,
      String v4BaseUrl,
      String sandboxSecret,
      String sandboxV4ApiKey,
      String oauthClientSecret) {
    this.sandbox = sandbox;
    this.baseUrl = baseUrl;
    this.v4BaseUrl = v4BaseUrl;
    this.sandboxSecret = sandboxSecret;
    this.sandboxV4ApiKey = sandboxV4ApiKey;
    this.oauthClientSecret = oauthClientSecret;
  }

  static DemoKit start(DemoOptions options) throws IOException {
    if (options.usesRealKit()) {
      return new DemoKit(
          null,
          options.kitBaseUrl() == null ? KIT_V3 : options.kitBaseUrl(),
          options.kitV4BaseUrl() == null ? KIT_V4 : options.kitV4BaseUrl(),
          null,
          null,
          null);
    }
    KitSandbox sandbox = KitSandbox.builder().port(options.kitPort()).build().start();
    String secret =
        DemoAccount.create(
            sandbox,
            demoSecret(new File(options.dataDir(), "kit-sandbox-secret"), "sandbox_"),
            demoSecret(new File(options.dataDir(), "kit-sandbox-v4-key"), "kit_sandbox_"));
    DemoKit kit =
        new DemoKit(
            sandbox,
            sandbox.baseUrl(),
            sandbox.v4BaseUrl(),
            secret,
            sandbox.v4ApiKey(secret),
            demoSecret(new File(options.dataDir(), "kit-sandbox-oauth-secret"), "app_"));
    for (String line : kit.startupLines()) {
      System.out.println(line);
    }
    return kit;
  }

  /**
   * What to paste where (sandbox only; a real credential is never shown): the v3 API Secret for the
   * v3 API, the V4 API key for the v4 API.
   */
  java.util.List<String> startupLines() {
    if (sandbox == null) {
      return java.util.Collections.singletonList(
          "Kit: v3 API " + baseUrl + "  v4 API " + v4BaseUrl);
    }
    return java.util.Arrays.asList(
        "Kit sandbox: v3 API " + sandbox.baseUrl() + "  v4 API " + sandbox.v4BaseUrl(),
        "  API Secret to paste (v3 API): " + sandboxSecret,
        "  V4 API key to paste (v4 API, header X-Kit-Api-Key): " + sandboxV4ApiKey);
  }

  /** The base URL of the Kit v3 API the store talks to. */
  String baseUrl() {
    return baseUrl;
  }

  /** The base URL of the Kit v4 API (and its OAuth server) the store talks to. */
  String v4BaseUrl() {
    return v4BaseUrl;
  }

  /** The demo store's Kit app for "Connect with Kit": the sandbox's, or none with the real Kit. */
  String oauthClientId() {
    return sandbox == null ? "" : OAUTH_CLIENT_ID;
  }

  String oauthClientSecret() {
    return sandbox == null ? "" : oauthClientSecret;
  }

  /**
   * Registers the demo store's app with the sandbox once the admin's address is known: Kit sends
   * the operator back to {@code adminUrl}'s OAuth callback only.
   */
  void registerOAuthApp(String adminUrl) {
    if (sandbox == null) return;
    sandbox.registerOAuthApp(
        OAUTH_CLIENT_ID, oauthClientSecret, adminUrl + "ckengine-integrations/oauth/callback");
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

  /** The demo account's V4 API key, for the v4 API (sandbox only). */
  String sandboxV4ApiKey() {
    return sandboxV4ApiKey;
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

  /** The credential kept in {@code file}, or a new one with this prefix, kept there. */
  private static String demoSecret(File file, String prefix) throws IOException {
    if (file.isFile()) {
      String kept = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8).trim();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    StringBuilder secret = new StringBuilder(prefix);
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
