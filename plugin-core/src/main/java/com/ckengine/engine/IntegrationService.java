package com.ckengine.engine;

import com.ckengine.api.PlainText;
import com.ckengine.engine.store.CachedFieldEntity;
import com.ckengine.engine.store.CachedTagEntity;
import com.ckengine.engine.store.CachedTargetEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitAccount;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitCustomField;
import com.ckengine.kit.KitListItem;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitTag;
import com.ckengine.kit.OAuthTokens;
import com.ckengine.kit.Subscribable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.persistence.EntityManager;

/**
 * Connects and manages Kit accounts ("integrations") for the admin screens. A secret is always
 * verified with Kit before it is stored, and stored only encrypted. One Kit account is connected
 * once: its rate limit is one budget, and its tag ids and purchase records belong to it.
 */
public final class IntegrationService {
  static final String INTEGRATION_IDS_BY_LABEL =
      "select i.id from IntegrationEntity i where lower(i.label) = :label";

  static final String INTEGRATION_BY_ACCOUNT =
      "select i from IntegrationEntity i where i.accountKey = :account";

  static final String CREDENTIAL_KIND =
      "select i.credentialKind from IntegrationEntity i where i.id = :id";

  static final String ALL_INTEGRATIONS = "select i from IntegrationEntity i order by i.label";

  static final String CACHED_TAGS =
      "select t from CachedTagEntity t where t.integrationId = :integration order by lower(t.name)";

  static final String DELETE_CACHED_TAGS =
      "delete from CachedTagEntity t where t.integrationId = :integration";

  static final String CACHED_TARGETS =
      "select t from CachedTargetEntity t where t.integrationId = :integration "
          + "order by lower(t.name), t.kitId";

  static final String DELETE_CACHED_TARGETS =
      "delete from CachedTargetEntity t where t.integrationId = :integration";

  /** What CK_INTEGRATION_FIELD's key and label columns hold. */
  private static final int FIELD_TEXT = 255;

  static final String CACHED_FIELDS =
      "select f from CachedFieldEntity f where f.integrationId = :integration "
          + "order by lower(f.label), f.kitId";

  static final String DELETE_CACHED_FIELDS =
      "delete from CachedFieldEntity f where f.integrationId = :integration";

  /** Only while the secret the failing call used is still the stored one. */
  static final String MARK_NEEDS_ATTENTION =
      "update IntegrationEntity i set i.status = :needsAttention, i.statusMessage = :message "
          + "where i.id = :id and i.secretVersion = :secretVersion";

  static final String REENCRYPT_SECRET =
      "update IntegrationEntity i set i.secretCiphertext = :ciphertext, "
          + "i.refreshCiphertext = :refreshCiphertext "
          + "where i.id = :id and i.secretVersion = :secretVersion";

  private final Jpa jpa;
  private final OperatorCalls kit;
  private final SecretCipher cipher;
  private final Clock clock;
  private final RuleService rules;
  private final OAuthTokenKeeper tokens;

  IntegrationService(
      Jpa jpa,
      OperatorCalls kit,
      SecretCipher cipher,
      Clock clock,
      RuleService rules,
      OAuthTokenKeeper tokens) {
    this.jpa = jpa;
    this.kit = kit;
    this.cipher = cipher;
    this.clock = clock;
    this.rules = rules;
    this.tokens = tokens;
  }

  /**
   * Asks Kit which credential {@code credential} is (a v4 API key or a v3 API Secret) and which
   * account it opens, then stores a new integration with the account's name, primary email and
   * tags.
   *
   * @throws IntegrationException when the label is taken or empty, Kit takes the text as neither
   *     kind, or the Kit account is already connected (the message names that integration)
   */
  public Integration connect(String label, String credential) {
    String l = label(label);
    Identified found = identify(credential);
    KitResult<List<KitTag>> tags = kit.call(found.holder, found.credential, KitClient::listTags);
    Targets targets = fetchTargets(found.holder, found.credential);
    Date now = new Date(clock.millis());
    long id =
        jpa.tx(
            em -> {
              requireFreeLabel(em, l, null);
              requireAccountNotConnected(em, found.account, null);
              IntegrationEntity e = newIntegration(l, found.account, now);
              e.setCredentialKind(found.credential.kind());
              e.setSecretCiphertext(cipher.encrypt(found.credential.reveal()));
              em.persist(e);
              if (tags.isSuccess()) replaceTags(em, e, tags.value(), now.getTime());
              if (targets.failure == null) replaceTargets(em, e.getId(), targets);
              kit.carryToNewIntegration(em, e.getId(), found.credential);
              return e.getId();
            });
    return get(id);
  }

  /**
   * Stores a new integration for the account Kit's OAuth tokens open ("Connect with Kit"), with the
   * tokens encrypted.
   *
   * @throws IntegrationException when the label is taken, Kit refuses the token, or the account is
   *     connected already
   */
  Integration connectWithTokens(String label, OAuthTokens oauth) {
    String l = label(label);
    // Not yet an integration: its budget key is one shared by every connection being made.
    KitCredential token = KitCredential.oauthToken(oauth.accessToken(), "oauth:connecting");
    KitAccount account = verify(null, token);
    KitResult<List<KitTag>> tags = kit.call(null, token, KitClient::listTags);
    Targets targets = fetchTargets(null, token);
    Date now = new Date(clock.millis());
    long id =
        jpa.tx(
            em -> {
              requireFreeLabel(em, l, null);
              requireAccountNotConnected(em, account, null);
              IntegrationEntity e = newIntegration(l, account, now);
              e.setCredentialKind(CredentialKind.V4_OAUTH_TOKEN);
              storeTokens(e, oauth);
              em.persist(e);
              if (tags.isSuccess()) replaceTags(em, e, tags.value(), now.getTime());
              if (targets.failure == null) replaceTargets(em, e.getId(), targets);
              kit.carryToNewIntegration(em, e.getId(), token);
              return e.getId();
            });
    return get(id);
  }

  /**
   * @throws IntegrationException when another integration has this label
   */
  void requireFreeLabel(String label) {
    jpa.tx(
        em -> {
          requireFreeLabel(em, label, null);
          return null;
        });
  }

  private static IntegrationEntity newIntegration(String label, KitAccount account, Date now) {
    IntegrationEntity e = new IntegrationEntity();
    e.setLabel(label);
    e.setAccountName(account.name());
    e.setPrimaryEmail(account.primaryEmail());
    e.setAccountKey(accountKey(account));
    e.setCreatedAt(now);
    return e;
  }

  private void storeTokens(IntegrationEntity e, OAuthTokens oauth) {
    e.setSecretCiphertext(cipher.encrypt(oauth.accessToken()));
    e.setRefreshCiphertext(
        oauth.refreshToken() == null ? null : cipher.encrypt(oauth.refreshToken()));
    e.setTokenExpiresAt(oauth.expiresAt() == null ? null : oauth.expiresAt().toEpochMilli());
  }

  /** Changes the label. */
  public Integration rename(long id, String label) {
    String l = label(label);
    jpa.tx(
        em -> {
          requireFreeLabel(em, l, id);
          find(em, id).setLabel(l);
          return null;
        });
    return get(id);
  }

  /**
   * Verifies a new credential of the same Kit account (a v3 API Secret or a v4 API key, whichever
   * Kit takes it for) and stores it in place of the old one, keeping the integration's rules, tag
   * ids and log; clears NEEDS_ATTENTION. A call still in flight with the old credential can no
   * longer mark the integration as refused.
   *
   * @throws IntegrationException when Kit refuses the credential, or it opens another Kit account
   *     (the old credential is kept in both cases)
   */
  public Integration replaceSecret(long id, String credential) {
    Identified found = identify(credential);
    KitCredential secret = found.credential;
    KitAccount account = found.account;
    jpa.tx(
        em -> {
          IntegrationEntity e = find(em, id);
          String key = accountKey(account);
          if (e.getAccountKey() != null && !e.getAccountKey().equals(key)) {
            throw new IntegrationException(
                "This credential opens another Kit account ("
                    + account.name()
                    + "), not the one '"
                    + e.getLabel()
                    + "' is connected to ("
                    + e.getAccountName()
                    + "): its tags and recorded purchases belong to that account. "
                    + "Connect the other account as a new integration instead.");
          }
          requireAccountNotConnected(em, account, id);
          e.setCredentialKind(secret.kind());
          e.setSecretCiphertext(cipher.encrypt(secret.reveal()));
          e.setRefreshCiphertext(null);
          e.setTokenExpiresAt(null);
          e.setSecretVersion(e.getSecretVersion() + 1);
          e.setAccountName(account.name());
          e.setPrimaryEmail(account.primaryEmail());
          e.setAccountKey(key);
          e.setStatus(IntegrationStatus.CONNECTED);
          e.setStatusMessage(null);
          return null;
        });
    return refreshTags(id);
  }

  /**
   * Fetches the account's tags from Kit and caches them.
   *
   * @throws IntegrationException when Kit does not answer with the tags
   */
  public Integration refreshTags(long id) {
    IntegrationEntity stored = jpa.tx(em -> find(em, id));
    KitCredential secret = credentialFor(stored);
    KitResult<List<KitTag>> tags = kit.call(id, secret, KitClient::listTags);
    if (!tags.isSuccess()) {
      if (tags.outcome() == KitOutcome.BAD_CREDENTIALS) {
        markNeedsAttention(id, stored.getSecretVersion(), refusedMessage(stored, tags.message()));
      }
      throw new IntegrationException(
          "Kit did not return the tags: " + tags.message() + " (HTTP " + tags.httpStatus() + ")",
          tags.outcome());
    }
    long now = clock.millis();
    jpa.tx(
        em -> {
          replaceTags(em, find(em, id), tags.value(), now);
          return null;
        });
    if (onTagsRefreshed != null) onTagsRefreshed.accept(id);
    return get(id);
  }

  /**
   * Fetches the account's forms and sequences (for Add Subscriber To Form / To Sequence) and its
   * custom fields (for the field mapping) from Kit and caches them in place of the last ones; the
   * admin's Refresh does this after the tags.
   *
   * @throws IntegrationException when Kit does not answer with all three lists (the cached ones
   *     stay)
   */
  public Integration refreshFormsAndSequences(long id) {
    IntegrationEntity stored = jpa.tx(em -> find(em, id));
    Targets targets = fetchTargets(id, credentialFor(stored));
    KitResult<?> failed = targets.failure;
    if (failed != null) {
      if (failed.outcome() == KitOutcome.BAD_CREDENTIALS) {
        markNeedsAttention(id, stored.getSecretVersion(), refusedMessage(stored, failed.message()));
      }
      throw new IntegrationException(
          "Kit did not return the "
              + targets.failedWhat
              + "s: "
              + failed.message()
              + " (HTTP "
              + failed.httpStatus()
              + ")",
          failed.outcome());
    }
    jpa.tx(
        em -> {
          replaceTargets(em, id, targets);
          return null;
        });
    return get(id);
  }

  /**
   * The account's forms, sequences and custom fields as Kit listed them, or the list call that
   * failed.
   */
  private static final class Targets {
    final List<KitListItem> forms;
    final List<KitListItem> sequences;
    final List<KitCustomField> fields;
    final KitResult<?> failure;
    final String failedWhat;

    Targets(List<KitListItem> forms, List<KitListItem> sequences, List<KitCustomField> fields) {
      this.forms = forms;
      this.sequences = sequences;
      this.fields = fields;
      this.failure = null;
      this.failedWhat = null;
    }

    Targets(KitResult<?> failure, String what) {
      this.forms = null;
      this.sequences = null;
      this.fields = null;
      this.failure = failure;
      this.failedWhat = what;
    }
  }

  /**
   * The three lists from Kit, through the API of the credential in use; the first failure stops.
   */
  private Targets fetchTargets(Long holder, KitCredential credential) {
    KitResult<List<KitListItem>> forms =
        kit.call(holder, credential, (k, c) -> k.list(c, Subscribable.FORM));
    if (!forms.isSuccess()) return new Targets(forms, Subscribable.FORM.word());
    KitResult<List<KitListItem>> sequences =
        kit.call(holder, credential, (k, c) -> k.list(c, Subscribable.SEQUENCE));
    if (!sequences.isSuccess()) return new Targets(sequences, Subscribable.SEQUENCE.word());
    KitResult<List<KitCustomField>> fields =
        kit.call(holder, credential, KitClient::listCustomFields);
    if (!fields.isSuccess()) return new Targets(fields, "custom field");
    return new Targets(forms.value(), sequences.value(), fields.value());
  }

  private static void replaceTargets(EntityManager em, long integrationId, Targets targets) {
    em.createQuery(DELETE_CACHED_TARGETS)
        .setParameter("integration", integrationId)
        .executeUpdate();
    for (KitListItem f : targets.forms) {
      em.persist(new CachedTargetEntity(integrationId, Subscribable.FORM, f.id(), f.name()));
    }
    for (KitListItem q : targets.sequences) {
      em.persist(new CachedTargetEntity(integrationId, Subscribable.SEQUENCE, q.id(), q.name()));
    }
    em.createQuery(DELETE_CACHED_FIELDS).setParameter("integration", integrationId).executeUpdate();
    for (KitCustomField f : targets.fields) {
      // A key the column cannot hold could not be sent back as Kit spells it: not offered.
      if (f.key().length() > FIELD_TEXT) continue;
      String label =
          f.label().length() > FIELD_TEXT ? f.label().substring(0, FIELD_TEXT) : f.label();
      em.persist(new CachedFieldEntity(integrationId, f.id(), f.key(), label));
    }
  }

  /**
   * Deletes the integration and its cached tags, forms and sequences; an OAuth integration's token
   * is revoked with Kit. Its rules are kept, disabled, so nothing an operator wrote disappears with
   * it (they show as disabled until pointed at another integration or deleted). Its log rows stay;
   * its actions still waiting are cancelled.
   */
  public void delete(long id) {
    long now = clock.millis();
    IntegrationEntity deleted =
        jpa.tx(
            em -> {
              IntegrationEntity e = find(em, id);
              RuleService.disableRulesOfIntegration(em, id, now);
              em.createQuery(DELETE_CACHED_TAGS).setParameter("integration", id).executeUpdate();
              em.createQuery(DELETE_CACHED_TARGETS).setParameter("integration", id).executeUpdate();
              em.createQuery(DELETE_CACHED_FIELDS).setParameter("integration", id).executeUpdate();
              em.createQuery(FieldMappings.DELETE_MAPPINGS)
                  .setParameter("integration", id)
                  .executeUpdate();
              Leases.forget(em, id);
              // Actions still waiting can never be delivered now; say so instead of leaving them
              // open.
              ActionStore.cancelForIntegration(em, id, "integration deleted", now);
              em.remove(e);
              return e;
            });
    rules.invalidate();
    // Kit is told last: a token Kit still holds is harmless once nothing here can use it.
    if (deleted.getCredentialKind() == CredentialKind.V4_OAUTH_TOKEN) tokens.revoke(deleted);
  }

  /** All integrations, by label. */
  public List<Integration> list() {
    return jpa.tx(
        em -> {
          List<Integration> out = new ArrayList<Integration>();
          for (IntegrationEntity e :
              em.createQuery(ALL_INTEGRATIONS, IntegrationEntity.class).getResultList()) {
            out.add(view(em, e));
          }
          return out;
        });
  }

  /**
   * @throws IntegrationException when there is no such integration
   */
  public Integration get(long id) {
    return jpa.tx(em -> view(em, find(em, id)));
  }

  /**
   * The credential of {@code e}, decrypted, for the workers and the operator's calls; never leaves
   * the engine. A credential stored under a previous key is re-encrypted with the current one now
   * (key rotation). An OAuth token about to expire is refreshed first.
   */
  KitCredential credentialFor(IntegrationEntity e) {
    String stored = e.getSecretCiphertext();
    String plain = cipher.decrypt(stored);
    String refresh = e.getRefreshCiphertext();
    if (!cipher.isCurrent(stored) || (refresh != null && !cipher.isCurrent(refresh))) {
      String again = cipher.encrypt(plain);
      String refreshAgain = refresh == null ? null : cipher.encrypt(cipher.decrypt(refresh));
      jpa.tx(
          em ->
              em.createQuery(REENCRYPT_SECRET)
                  .setParameter("ciphertext", again)
                  .setParameter("refreshCiphertext", refreshAgain)
                  .setParameter("id", e.getId())
                  .setParameter("secretVersion", e.getSecretVersion())
                  .executeUpdate());
    }
    switch (e.getCredentialKind()) {
      case V4_API_KEY:
        return KitCredential.v4ApiKey(plain);
      case V4_OAUTH_TOKEN:
        return tokens.credential(e);
      case V3_API_SECRET:
      default:
        return KitCredential.v3Secret(plain);
    }
  }

  /**
   * Whether the integration's credential takes Kit's bulk calls ({@link
   * CredentialKind#usesBulk()}); false for an integration that no longer exists.
   */
  boolean usesBulk(long integrationId) {
    List<CredentialKind> kinds =
        jpa.tx(
            em ->
                em.createQuery(CREDENTIAL_KIND, CredentialKind.class)
                    .setParameter("id", integrationId)
                    .getResultList());
    return !kinds.isEmpty() && kinds.get(0).usesBulk();
  }

  /**
   * After Kit refused {@code e}'s OAuth access token: a refreshed one (or the one another node got
   * meanwhile), or null when none can be had. Null for the other kinds: a pasted credential Kit
   * refuses is the operator's to replace.
   */
  KitCredential refreshedAfterRefusal(IntegrationEntity e) {
    if (e.getCredentialKind() != CredentialKind.V4_OAUTH_TOKEN) return null;
    return tokens.afterRefusal(e.getId(), e.getSecretVersion()).credential;
  }

  /** What NEEDS_ATTENTION says when Kit refused {@code e}'s credential, and what to do. */
  static String refusedMessage(IntegrationEntity e, String kitMessage) {
    switch (e.getCredentialKind()) {
      case V4_OAUTH_TOKEN:
        return "Kit refused the OAuth token and it could not be refreshed: "
            + kitMessage
            + ". Connect with Kit again (Edit).";
      case V4_API_KEY:
        return "Kit refused the V4 API key: " + kitMessage + ". Replace the key (Edit).";
      case V3_API_SECRET:
      default:
        return "Kit refused the API secret: " + kitMessage + ". Replace the secret (Edit).";
    }
  }

  /**
   * Marks the integration as refused by Kit, unless its secret was replaced since the failing call
   * was made with version {@code secretVersion}.
   */
  void markNeedsAttention(long id, int secretVersion, String message) {
    jpa.tx(
        em ->
            em.createQuery(MARK_NEEDS_ATTENTION)
                .setParameter("needsAttention", IntegrationStatus.NEEDS_ATTENTION)
                .setParameter("message", message)
                .setParameter("id", id)
                .setParameter("secretVersion", secretVersion)
                .executeUpdate());
  }

  /** Called with the integration's id after its tags were re-read (forgets absent tags). */
  private java.util.function.LongConsumer onTagsRefreshed;

  void onTagsRefreshed(java.util.function.LongConsumer listener) {
    this.onTagsRefreshed = listener;
  }

  static void replaceTags(EntityManager em, IntegrationEntity e, List<KitTag> tags, long now) {
    em.createQuery(DELETE_CACHED_TAGS).setParameter("integration", e.getId()).executeUpdate();
    for (KitTag t : tags) em.persist(new CachedTagEntity(e.getId(), t.id(), t.name()));
    e.setTagsFetchedAt(new Date(now));
  }

  /**
   * The integration that holds {@code secret} already, or null. Secrets are stored encrypted with a
   * fresh nonce each, so they are compared in the clear; an integration is an account, so there are
   * few of them.
   */
  private Long integrationHolding(String secret) {
    List<IntegrationEntity> all =
        jpa.tx(em -> em.createQuery(ALL_INTEGRATIONS, IntegrationEntity.class).getResultList());
    for (IntegrationEntity e : all) {
      try {
        if (cipher.decrypt(e.getSecretCiphertext()).equals(secret)) return e.getId();
      } catch (RuntimeException unreadable) {
        // A secret this key cannot open (NEEDS_ATTENTION elsewhere): not this one.
      }
    }
    return null;
  }

  /** A pasted credential as Kit took it: its kind, the account it opens, who holds it already. */
  private static final class Identified {
    final KitCredential credential;
    final KitAccount account;
    final Long holder;

    Identified(KitCredential credential, KitAccount account, Long holder) {
      this.credential = credential;
      this.account = account;
      this.holder = holder;
    }
  }

  /**
   * Which credential a pasted text is, asked of Kit: a v4 API key ({@code GET /v4/account}) or a v3
   * API Secret ({@code GET /v3/account}). The likelier kind is asked first (Kit's v4 keys begin
   * with {@code kit_}), the other only when Kit refuses the first.
   *
   * @throws IntegrationException when Kit takes it as neither, or cannot be asked
   */
  private Identified identify(String pasted) {
    if (pasted == null || pasted.trim().isEmpty()) {
      throw new IntegrationException("Paste the V4 API key or the V3 API Secret from Kit");
    }
    String text = pasted.trim();
    KitCredential v4 = KitCredential.v4ApiKey(text);
    KitCredential v3 = KitCredential.v3Secret(text);
    boolean v4First = text.startsWith(V4_KEY_PREFIX);
    KitCredential first = v4First ? v4 : v3;
    KitCredential second = v4First ? v3 : v4;
    // Kit's limit is per key: a key no integration holds yet is spent by nobody else.
    Long holder = integrationHolding(text);
    KitResult<KitAccount> r = kit.call(holder, first, KitClient::account);
    if (r.isSuccess()) return new Identified(first, r.value(), holder);
    if (r.outcome() != KitOutcome.BAD_CREDENTIALS) throw notVerified(r);
    KitResult<KitAccount> other = kit.call(holder, second, KitClient::account);
    if (other.isSuccess()) return new Identified(second, other.value(), holder);
    if (other.outcome() != KitOutcome.BAD_CREDENTIALS) throw notVerified(other);
    throw new IntegrationException(
        "Kit accepted this neither as a V4 API key nor as a V3 API Secret: "
            + other.message()
            + " (HTTP "
            + other.httpStatus()
            + ")",
        KitOutcome.BAD_CREDENTIALS);
  }

  /** How Kit's v4 API keys begin (Kit: Settings, Developer, V4 Keys). A hint, never a rule. */
  static final String V4_KEY_PREFIX = "kit_";

  private static IntegrationException notVerified(KitResult<?> r) {
    return new IntegrationException(
        (r.isRetryable()
                ? "Kit could not be asked about the credential, so nothing was saved: "
                : "Kit did not accept the credential: ")
            + r.message()
            + " ("
            + r.outcome()
            + (r.httpStatus() == 0 ? "" : ", HTTP " + r.httpStatus())
            + ")",
        r.outcome());
  }

  /**
   * The account a credential opens, asked of Kit for integration {@code id} (null: a credential no
   * integration holds).
   */
  private KitAccount verify(Long id, KitCredential secret) {
    KitResult<KitAccount> r = kit.call(id, secret, KitClient::account);
    if (!r.isSuccess()) throw notVerified(r);
    return r.value();
  }

  /** Which Kit account a secret opens: Kit v3 names an account by its primary email. */
  static String accountKey(KitAccount account) {
    String email = account.primaryEmail();
    return email == null || email.trim().isEmpty() ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  private static void requireAccountNotConnected(
      EntityManager em, KitAccount account, Long except) {
    String key = accountKey(account);
    if (key == null) return;
    for (IntegrationEntity other :
        em.createQuery(INTEGRATION_BY_ACCOUNT, IntegrationEntity.class)
            .setParameter("account", key)
            .getResultList()) {
      if (except == null || !except.equals(other.getId())) {
        throw new IntegrationException(
            "This Kit account ("
                + account.name()
                + ") is already connected as '"
                + other.getLabel()
                + "'. Edit that integration to replace its secret: one Kit account is connected "
                + "once, so its rate limit is one budget.");
      }
    }
  }

  /** The longest label stored ({@code CK_INTEGRATION.LABEL}). */
  public static final int MAX_LABEL_LENGTH = 100;

  /**
   * Why {@code label} cannot label an integration, or null when it can: trimmed, it must not be
   * empty and must fit {@link #MAX_LABEL_LENGTH}; it must be plain text (no line break, tab, NUL or
   * other control character: a label is shown on one line and may be quoted in log lines). The
   * admin asks this before it asks Kit about the secret, so every problem of a form shows at once.
   */
  public static String labelProblem(String label) {
    // Looked for before trimming, which would drop a trailing NUL or line break unseen.
    if (PlainText.hasControlCharacter(label)) {
      return "The label holds a line break, tab or other control character; type it on one line "
          + "as plain text";
    }
    String l = label == null ? "" : label.trim();
    if (l.isEmpty()) return "Give the integration a label";
    if (l.length() > MAX_LABEL_LENGTH) {
      return "The label is longer than " + MAX_LABEL_LENGTH + " characters";
    }
    return null;
  }

  private static String label(String label) {
    String problem = labelProblem(label);
    if (problem != null) throw new IntegrationException(problem);
    return label.trim();
  }

  private static void requireFreeLabel(EntityManager em, String label, Long except) {
    List<Long> ids =
        em.createQuery(INTEGRATION_IDS_BY_LABEL, Long.class)
            .setParameter("label", label.toLowerCase(Locale.ROOT))
            .getResultList();
    for (Long id : ids) {
      if (except == null || !except.equals(id)) {
        throw new IntegrationException("An integration labelled '" + label + "' already exists");
      }
    }
  }

  static IntegrationEntity find(EntityManager em, long id) {
    IntegrationEntity e = em.find(IntegrationEntity.class, id);
    if (e == null) throw new IntegrationException("No integration with id " + id);
    return e;
  }

  private static Integration view(EntityManager em, IntegrationEntity e) {
    List<KitTag> tags = new ArrayList<KitTag>();
    for (CachedTagEntity t :
        em.createQuery(CACHED_TAGS, CachedTagEntity.class)
            .setParameter("integration", e.getId())
            .getResultList()) {
      tags.add(new KitTag(t.getKitTagId(), t.getName(), null));
    }
    List<KitListItem> forms = new ArrayList<KitListItem>();
    List<KitListItem> sequences = new ArrayList<KitListItem>();
    for (CachedTargetEntity t :
        em.createQuery(CACHED_TARGETS, CachedTargetEntity.class)
            .setParameter("integration", e.getId())
            .getResultList()) {
      KitListItem item = new KitListItem(t.getKitId(), t.getName());
      (t.getKind() == Subscribable.FORM ? forms : sequences).add(item);
    }
    List<KitCustomField> fields = new ArrayList<KitCustomField>();
    for (CachedFieldEntity f :
        em.createQuery(CACHED_FIELDS, CachedFieldEntity.class)
            .setParameter("integration", e.getId())
            .getResultList()) {
      fields.add(new KitCustomField(f.getKitId(), f.getKey(), f.getLabel()));
    }
    return new Integration(
        e.getId(),
        e.getProvider(),
        e.getLabel(),
        e.getAccountName(),
        e.getPrimaryEmail(),
        e.getCredentialKind(),
        e.getStatus(),
        e.getStatusMessage(),
        tags,
        forms,
        sequences,
        fields,
        e.getTagsFetchedAt() == null ? null : e.getTagsFetchedAt().toInstant());
  }
}
