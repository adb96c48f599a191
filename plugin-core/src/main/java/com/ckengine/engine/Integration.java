package com.ckengine.engine;

import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitCustomField;
import com.ckengine.kit.KitListItem;
import com.ckengine.kit.KitTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A connected Kit account as the admin shows it: label, account, status and cached tags. Holds no
 * secret, not even encrypted. Immutable.
 */
public final class Integration {
  private final long id;
  private final String provider;
  private final String label;
  private final String accountName;
  private final String primaryEmail;
  private final CredentialKind credentialKind;
  private final IntegrationStatus status;
  private final String statusMessage;
  private final List<KitTag> tags;
  private final List<KitListItem> forms;
  private final List<KitListItem> sequences;
  private final List<KitCustomField> customFields;
  private final Instant tagsFetchedAt;

  Integration(
      long id,
      String provider,
      String label,
      String accountName,
      String primaryEmail,
      CredentialKind credentialKind,
      IntegrationStatus status,
      String statusMessage,
      List<KitTag> tags,
      List<KitListItem> forms,
      List<KitListItem> sequences,
      List<KitCustomField> customFields,
      Instant tagsFetchedAt) {
    this.id = id;
    this.provider = provider;
    this.label = label;
    this.accountName = accountName;
    this.primaryEmail = primaryEmail;
    this.credentialKind = credentialKind;
    this.status = status;
    this.statusMessage = statusMessage;
    this.tags = Collections.unmodifiableList(new ArrayList<KitTag>(tags));
    this.forms = Collections.unmodifiableList(new ArrayList<KitListItem>(forms));
    this.sequences = Collections.unmodifiableList(new ArrayList<KitListItem>(sequences));
    this.customFields = Collections.unmodifiableList(new ArrayList<KitCustomField>(customFields));
    this.tagsFetchedAt = tagsFetchedAt;
  }

  public long id() {
    return id;
  }

  /** "CONVERTKIT". */
  public String provider() {
    return provider;
  }

  public String label() {
    return label;
  }

  /** The Kit account's name, as Kit reported it when the secret was verified. */
  public String accountName() {
    return accountName;
  }

  /** The Kit account's primary email; Kit ignores subscriber calls for this address. */
  public String primaryEmail() {
    return primaryEmail;
  }

  /** What the integration connects with: a v3 API Secret, a v4 API key or Kit OAuth. */
  public CredentialKind credentialKind() {
    return credentialKind;
  }

  /**
   * True when Kit records purchases for this integration's credential ({@link
   * CredentialKind#canRecordPurchases()}): with a v4 API key Kit refuses them, so the rule wizard
   * does not offer Add Purchase.
   */
  public boolean canRecordPurchases() {
    return credentialKind.canRecordPurchases();
  }

  public IntegrationStatus status() {
    return status;
  }

  /** Why the integration needs attention, or null. */
  public String statusMessage() {
    return statusMessage;
  }

  /** The account's tags as last fetched, by name. */
  public List<KitTag> tags() {
    return tags;
  }

  /**
   * The account's forms as last fetched (on connect and Refresh), by name: what Add Subscriber To
   * Form offers.
   */
  public List<KitListItem> forms() {
    return forms;
  }

  /** The account's sequences as last fetched, by name: what Add Subscriber To Sequence offers. */
  public List<KitListItem> sequences() {
    return sequences;
  }

  /**
   * The account's custom fields as last fetched (on connect and Refresh), by label: what a store
   * field can be mapped to.
   */
  public List<KitCustomField> customFields() {
    return customFields;
  }

  /** When the tags were fetched, or null if never. */
  public Instant tagsFetchedAt() {
    return tagsFetchedAt;
  }

  @Override
  public String toString() {
    return "Integration{"
        + id
        + ", "
        + label
        + ", "
        + accountName
        + ", "
        + status
        + ", "
        + tags.size()
        + " tags}";
  }
}
