package com.ckengine.kit;

import java.util.List;

/**
 * One API version's way of doing each operation: how its requests are written, how the credential
 * is attached, how its answers and errors read. Sends through a {@link KitTransport}. The client
 * picks the codec by the credential's kind.
 */
interface KitCodec {
  KitResult<KitAccount> account(KitCredential credential);

  KitResult<List<KitTag>> listTags(KitCredential credential);

  KitResult<KitTag> createTag(KitCredential credential, String name);

  KitResult<KitSubscription> tagSubscriber(KitCredential credential, TagSubscriberRequest request);

  KitResult<KitTag> removeTag(KitCredential credential, long tagId, String email);

  KitResult<KitPurchaseReceipt> recordPurchase(KitCredential credential, Purchase purchase);

  KitResult<KitPurchasePage> listPurchases(KitCredential credential, String cursor);

  KitResult<KitSubscriber> findSubscriber(KitCredential credential, String email);

  KitResult<List<KitListItem>> list(KitCredential credential, Subscribable what);

  KitResult<List<KitCustomField>> listCustomFields(KitCredential credential);

  KitResult<KitSubscription> subscribe(
      KitCredential credential,
      Subscribable what,
      long id,
      String email,
      String firstName,
      java.util.Map<String, String> fields);
}
