package com.ckengine.engine.bench;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.engine.rules.RuleIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Rule evaluation alone: 1,000 products and 10,000 rules (9,000 product rules, 9 per product over
 * the triggers and actions, and 1,000 global ones) across 5 integrations; events of 1 to 5 lines.
 * Prints the time per event and the heap the index holds. Args: [events].
 */
public final class EvaluationBench {
  private EvaluationBench() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200000;
    Random random = new Random(42);
    Trigger[] triggers = Trigger.values();
    ActionType[] actions = ActionType.values();

    long before = usedHeapAfterGc();
    List<RuleDefinition> rules = new ArrayList<>();
    long id = 1;
    for (int p = 1; p <= 1000; p++) {
      for (int k = 0; k < 9; k++)
        rules.add(rule(id++, triggers[(p + k) % 3], actions[k % 3], (long) p, random));
    }
    for (int g = 0; g < 1000; g++)
      rules.add(rule(id++, triggers[g % triggers.length], actions[g % 3], null, random));
    RuleIndex index = RuleIndex.of(rules, 1);
    rules = null; // the index alone keeps what it needs
    long held = usedHeapAfterGc() - before;

    StoreEvent[] sample = new StoreEvent[1000];
    for (int i = 0; i < sample.length; i++) {
      StoreEvent.Builder b =
          StoreEvent.builder()
              .trigger(triggers[i % 3])
              .occurredAt(Instant.now())
              .email("c" + i + "@example.com")
              .reference("O" + i)
              .eventKey("k" + i)
              .currency("USD");
      int lines = 1 + random.nextInt(5);
      for (int l = 0; l < lines; l++) {
        b.addLine(
            EventLine.builder()
                .productId(1 + random.nextInt(1000))
                .name("P")
                .unitPrice(BigDecimal.TEN)
                .build());
      }
      sample[i] = b.build();
    }
    long sink = 0;
    for (int i = 0; i < 100000; i++)
      sink += RuleEvaluator.plan(index, sample[i % sample.length]).size();
    long[] nanos = new long[events];
    for (int i = 0; i < events; i++) {
      StoreEvent e = sample[i % sample.length];
      long t0 = System.nanoTime();
      List<PlannedAction> plan = RuleEvaluator.plan(index, e);
      nanos[i] = System.nanoTime() - t0;
      sink += plan.size();
    }
    System.out.println(
        "evaluation, "
            + index.size()
            + " rules over 1,000 products: "
            + new Stats(nanos, events).summary());
    System.out.printf(
        "heap held by the rule index: %.1f MiB (planned actions seen: %d)%n",
        held / 1048576.0, sink);
  }

  private static RuleDefinition rule(
      long id, Trigger t, ActionType a, Long product, Random random) {
    // Add Purchase only where the trigger allows it (Trigger.allows); a tag rule in its place.
    if (!t.allows(a)) a = ActionType.ADD_TAG;
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .id(id)
            .trigger(t)
            .integrationId(1 + id % 5)
            .action(a)
            .productId(product);
    if (a.usesTags()) {
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++)
        b.addTag(RuleTag.of("tag-" + random.nextInt(2000), (long) random.nextInt(2000)));
    }
    return b.build();
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
