package com.ckengine.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ckengine.kit.KitCredential;
import org.junit.jupiter.api.Test;

/** The arithmetic the backlog benches hold their measurements against (no timing here). */
class FastestScheduleTest {
  @Test
  void aFullWindowGoesAtOnceThenOneWindowPerBurst() {
    assertEquals(0, FastestSchedule.seconds(0, 116, 60));
    assertEquals(0, FastestSchedule.seconds(116, 116, 60), "one burst fits the first window");
    assertEquals(60, FastestSchedule.seconds(117, 116, 60), "one call more waits a window");
    assertEquals(240, FastestSchedule.seconds(580, 116, 60), "issue 15's five windows");
  }

  @Test
  void issue17sBacklogsAtDeliverysShareOfKitsLimits() {
    // 1,000 orders; delivery gets the limit minus a thirtieth kept for the operator.
    assertEquals(1020, FastestSchedule.seconds(2000, 120 - 4, 60), "v3: 18 bursts");
    assertEquals(1500, FastestSchedule.seconds(3000, 120 - 4, 60), "v4 key: 26 bursts");
    assertEquals(360, FastestSchedule.seconds(4000, 600 - 20, 60), "OAuth: 7 bursts");
  }

  @Test
  void anEmptyWindowIsNoSchedule() {
    assertThrows(IllegalArgumentException.class, () -> FastestSchedule.seconds(10, 0, 60));
  }

  @Test
  void callsPerOrderFollowWhatEachCredentialCanDo() {
    KitCredential v3 = KitCredential.v3Secret("s");
    KitCredential key = KitCredential.v4ApiKey("k");
    KitCredential token = KitCredential.oauthToken("t", "oauth:1");
    assertEquals(2, FastestSchedule.callsPerOrder(v3, 2, true), "both tags in one call, purchase");
    assertEquals(3, FastestSchedule.callsPerOrder(key, 2, true), "upsert, 2 tags, no purchase");
    assertEquals(4, FastestSchedule.callsPerOrder(token, 2, true), "upsert, 2 tags, purchase");
    assertEquals(3, FastestSchedule.callsPerOrder(token, 2, false), "no Add Purchase rule");
    assertEquals(1, FastestSchedule.callsPerOrder(v3, 5, false), "v3 tags any number at once");
  }

  @Test
  void aBacklogWithOAuthGoesInBulkCallsAndPurchasesOneByOne() {
    KitCredential v3 = KitCredential.v3Secret("s");
    KitCredential key = KitCredential.v4ApiKey("k");
    KitCredential token = KitCredential.oauthToken("t", "oauth:1");
    assertEquals(2000, FastestSchedule.callsForBacklog(v3, 1000, 2, true));
    assertEquals(3000, FastestSchedule.callsForBacklog(key, 1000, 2, true));
    // 10 upserts of 100 subscribers, 20 tagging calls of 100 taggings, 1,000 purchases.
    assertEquals(1030, FastestSchedule.callsForBacklog(token, 1000, 2, true));
    assertEquals(4, FastestSchedule.callsForBacklog(token, 150, 1, false), "2 upserts, 2 taggings");
    assertEquals(60, FastestSchedule.seconds(1030, 600 - 20, 60), "OAuth in bulk: 2 bursts");
  }
}
