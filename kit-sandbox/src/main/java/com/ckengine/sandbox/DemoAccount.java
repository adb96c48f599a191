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

  /** Custom fields (labels) the demo account has, as a store would set up in Kit. */
  static final String[] CUSTOM_FIELDS = {"Last name", "Phone number", "Company"};

  static final String FORM = "Newsletter sign-up";
  static final String SEQUENCE = "Welcome series";

  private DemoAccount() {}

  /**
   * Creates the demo account with a chosen v3 secret and V4 API key (either null for a random one),
   * its tags, custom fields, a form and a sequence.
   *
   * @return the account's v3 API secret ({@link KitSandbox#v4ApiKey} gives its V4 key)
   */
  public static String create(KitSandbox sandbox, String secret, String v4ApiKey) {
    String apiSecret =
        secret == null
            ? sandbox.createAccount(NAME, PRIMARY_EMAIL)
            : v4ApiKey == null
                ? sandbox.createAccount(NAME, PRIMARY_EMAIL, secret)
                : sandbox.createAccount(NAME, PRIMARY_EMAIL, secret, v4ApiKey);
    seed(sandbox, apiSecret);
    return apiSecret;
  }

  /** Tags first (their ids stay what earlier versions gave), then the rest. */
  private static void seed(KitSandbox sandbox, String apiSecret) {
    for (String tag : TAGS) {
      sandbox.createTag(apiSecret, tag);
    }
    for (String field : CUSTOM_FIELDS) {
      sandbox.createCustomField(apiSecret, field);
    }
    sandbox.createForm(apiSecret, FORM);
    sandbox.createSequence(apiSecret, SEQUENCE);
  }

  /**
   * Creates the demo account with its tags.
   *
   * @param secret the API secret to give it, or null for a random one
   * @return the account's API secret
   */
  public static String create(KitSandbox sandbox, String secret) {
    return create(sandbox, secret, null);
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
    seed(sandbox, apiSecret);
    return apiSecret;
  }
}
