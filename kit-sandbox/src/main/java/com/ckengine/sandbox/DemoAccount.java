package com.ckengine.sandbox;

/**
 * The account a demo store connects to: one Kit account with a few tags an operator would expect,
 * created the same way by {@link KitSandboxMain} and by the demo store's launcher.
 */
public final class DemoAccount {
  public static final String NAME = "Demo Store";
  public static final String PRIMARY_EMAIL = "owner@demo-store.example";

  /** Created in this order, so a sandbox seeded with the same secret gets the same tag ids. */
  static final String[] TAGS = {
    "Customer", "VIP", "Refunded", "Cart abandoned", "Subscriber", "Order bump buyer"
  };

  private DemoAccount() {}

  /**
   * Creates the demo account with its tags.
   *
   * @param secret the API secret to give it, or null for a random one
   * @return the account's API secret
   */
  public static String create(KitSandbox sandbox, String secret) {
    String apiSecret =
        secret == null
            ? sandbox.createAccount(NAME, PRIMARY_EMAIL)
            : sandbox.createAccount(NAME, PRIMARY_EMAIL, secret);
    for (String tag : TAGS) {
      sandbox.createTag(apiSecret, tag);
    }
    return apiSecret;
  }

  /**
   * Another account shaped like the demo's (same name, same tags) with its own primary email: Kit
   * accounts are connected once each, so tests that connect in one running demo each take their
   * own.
   *
   * @return the account's API secret
   */
  public static String createAnother(KitSandbox sandbox, String primaryEmail) {
    String apiSecret = sandbox.createAccount(NAME, primaryEmail);
    for (String tag : TAGS) {
      sandbox.createTag(apiSecret, tag);
    }
    return apiSecret;
  }
}
