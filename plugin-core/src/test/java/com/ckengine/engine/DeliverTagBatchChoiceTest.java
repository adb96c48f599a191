package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.kit.KitClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which due actions go in one bulk batch: each subscriber's first due action when it is an Add Tag,
 * at most Kit's synchronous limit, and only when at least two do.
 */
class DeliverTagBatchChoiceTest {
  static ActionStore.DueAction due(long id, String who, ActionType what) {
    return new ActionStore.DueAction(id, who, what);
  }

  @Test
  void takesEachSubscribersFirstActionWhenItIsAnAddTag() {
    List<ActionStore.DueAction> batch =
        Arrays.asList(
            due(1, "ann", ActionType.ADD_TAG),
            due(2, "bob", ActionType.REMOVE_TAG),
            due(3, "ann", ActionType.ADD_TAG), // Ann's second: after her first
            due(4, "bob", ActionType.ADD_TAG), // behind Bob's Remove Tag
            due(5, "cy", ActionType.ADD_PURCHASE),
            due(6, "dee", ActionType.ADD_TAG));

    assertEquals(Arrays.asList(1L, 6L), DeliverTagBatch.choose(batch));
  }

  @Test
  void aSingleAddTagGoesAlone() {
    assertTrue(
        DeliverTagBatch.choose(
                Arrays.asList(due(1, "ann", ActionType.ADD_TAG), due(2, "ann", ActionType.ADD_TAG)))
            .isEmpty());
  }

  @Test
  void atMostKitsSynchronousLimit() {
    List<ActionStore.DueAction> batch = new ArrayList<ActionStore.DueAction>();
    for (int i = 0; i < 150; i++) batch.add(due(i, "s" + i, ActionType.ADD_TAG));
    assertEquals(KitClient.BULK_SYNC_LIMIT, DeliverTagBatch.choose(batch).size());
  }
}
