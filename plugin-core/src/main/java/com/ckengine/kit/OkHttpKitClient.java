package com.ckengine.kit;

import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * {@link KitClient} over OkHttp: checks the arguments every version shares, then hands each call to
 * the codec of the credential's API version ({@link V3Codec} for a v3 API Secret, {@link V4Codec}
 * for an API key or OAuth token), which sends through the one {@link KitTransport}.
 */
final class OkHttpKitClient implements KitClient {
  private final KitTransport transport;
  private final V3Codec v3;
  private final V4Codec v4;
  private final HttpUrl baseUrl;
  private final KitOAuth oauth;

  /** This client's view for an operator's calls: the same connections, the operator's limiters. */
  private final OkHttpKitClient operatorView;

  OkHttpKitClient(KitClient.Builder b, KitLimiters limiters, KitLimiters operatorLimiters) {
    this(b.baseUrl, b.v4BaseUrl, new KitTransport(b, limiters), operatorLimiters);
  }

  private OkHttpKitClient(
      HttpUrl baseUrl, HttpUrl v4BaseUrl, KitTransport transport, KitLimiters operatorLimiters) {
    this.baseUrl = baseUrl;
    this.transport = transport;
    this.v3 = new V3Codec(baseUrl, transport);
    this.v4 = new V4Codec(v4BaseUrl, transport);
    this.oauth = new OkHttpKitOAuth(v4BaseUrl, transport, System::currentTimeMillis);
    KitTransport operatorTransport =
        operatorLimiters == null ? transport : transport.pacedBy(operatorLimiters);
    this.operatorView =
        operatorTransport == transport
            ? this
            : new OkHttpKitClient(baseUrl, v4BaseUrl, operatorTransport, null);
  }

  @Override
  public KitClient forOperator() {
    return operatorView;
  }

  @Override
  public KitOAuth oauth() {
    return oauth;
  }

  /** The codec of the credential's API version. */
  private KitCodec codec(KitCredential credential) {
    if (credential == null) throw new NullPointerException("credential");
    return credential.kind() == CredentialKind.V3_API_SECRET ? v3 : v4;
  }

  @Override
  public KitResult<KitAccount> account(KitCredential credential) {
    return codec(credential).account(credential);
  }

  @Override
  public KitResult<List<KitTag>> listTags(KitCredential credential) {
    return codec(credential).listTags(credential);
  }

  @Override
  public KitResult<KitTag> createTag(KitCredential credential, String name) {
    if (name == null || name.trim().isEmpty()) throw new IllegalArgumentException("tag name");
    return codec(credential).createTag(credential, name);
  }

  @Override
  public KitResult<KitSubscription> tagSubscriber(
      KitCredential credential, TagSubscriberRequest request) {
    if (request == null) throw new NullPointerException("request");
    return codec(credential).tagSubscriber(credential, request);
  }

  @Override
  public KitResult<KitTag> removeTag(KitCredential credential, long tagId, String email) {
    if (email == null || email.trim().isEmpty()) throw new IllegalArgumentException("email");
    return codec(credential).removeTag(credential, tagId, email);
  }

  @Override
  public KitResult<KitPurchaseReceipt> recordPurchase(KitCredential credential, Purchase purchase) {
    if (purchase == null) throw new NullPointerException("purchase");
    return codec(credential).recordPurchase(credential, purchase);
  }

  @Override
  public KitResult<KitPurchasePage> listPurchases(KitCredential credential, String cursor) {
    return codec(credential).listPurchases(credential, cursor);
  }

  @Override
  public KitResult<KitSubscriber> findSubscriber(KitCredential credential, String email) {
    if (email == null || email.trim().isEmpty()) throw new IllegalArgumentException("email");
    return codec(credential).findSubscriber(credential, email);
  }

  @Override
  public KitResult<List<KitListItem>> list(KitCredential credential, Subscribable what) {
    if (what == null) throw new NullPointerException("what");
    return codec(credential).list(credential, what);
  }

  @Override
  public KitResult<List<KitCustomField>> listCustomFields(KitCredential credential) {
    return codec(credential).listCustomFields(credential);
  }

  @Override
  public KitResult<KitSubscription> subscribe(
      KitCredential credential,
      Subscribable what,
      long id,
      String email,
      String firstName,
      java.util.Map<String, String> fields) {
    if (what == null) throw new NullPointerException("what");
    if (email == null || email.trim().isEmpty()) throw new IllegalArgumentException("email");
    if (fields == null) throw new NullPointerException("fields");
    return codec(credential).subscribe(credential, what, id, email, firstName, fields);
  }

  @Override
  public KitResult<KitBulkSubscribers> bulkUpsertSubscribers(
      KitCredential credential, List<BulkSubscriber> subscribers) {
    checkBatch(subscribers, "subscribers");
    if (codec(credential) != v4 || !credential.kind().usesBulk()) {
      return V4Codec.bulkNeedsOAuth(credential, "bulk upsert of subscribers");
    }
    return v4.bulkUpsertSubscribers(credential, subscribers);
  }

  @Override
  public KitResult<KitBulkTaggings> bulkTagSubscribers(
      KitCredential credential, List<Tagging> taggings) {
    checkBatch(taggings, "taggings");
    if (codec(credential) != v4 || !credential.kind().usesBulk()) {
      return V4Codec.bulkNeedsOAuth(credential, "bulk tagging");
    }
    return v4.bulkTagSubscribers(credential, taggings);
  }

  /** A bulk batch Kit answers per item: 1 to {@link #BULK_SYNC_LIMIT} items, none null. */
  private static void checkBatch(List<?> items, String what) {
    if (items == null) throw new NullPointerException(what);
    if (items.isEmpty() || items.size() > BULK_SYNC_LIMIT) {
      throw new IllegalArgumentException(
          what + ": 1 to " + BULK_SYNC_LIMIT + " per bulk call, not " + items.size());
    }
    for (Object item : items) if (item == null) throw new NullPointerException(what);
  }

  @Override
  public Duration permitDelay(KitCredential credential) {
    return transport.permitDelay(credential);
  }

  @Override
  public RecentCalls recentCalls(KitCredential credential) {
    return transport.recentCalls(credential);
  }

  @Override
  public void countCallsMadeElsewhere(KitCredential credential, RecentCalls calls) {
    transport.countCallsMadeElsewhere(credential, calls);
  }

  /** Reads sent again because their pooled connection had been closed by the server. */
  long staleConnectionRetries() {
    return transport.staleConnectionRetries();
  }

  @Override
  public String toString() {
    return "KitClient{" + baseUrl + "}";
  }
}
