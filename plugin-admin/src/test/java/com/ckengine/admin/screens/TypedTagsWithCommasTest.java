package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.screens.RuleSteps.Move;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tag name may hold a comma ("Sale, Summer"): the New tags field takes it in double quotes, and
 * the Edit form writes it back that way, so saving an edit keeps the name whole instead of
 * splitting it into two tags.
 */
class TypedTagsWithCommasTest extends RuleStepsTestBase {
  @Test
  void editingARuleKeepsATagNameWithACommaWhole() {
    RuleDefinition rule =
        t.engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(main.id())
                    .action(ActionType.ADD_TAG)
                    .addTag("Sale, Summer")
                    .addTag("say \"hi\"")
                    .addTag("plain")
                    .build());

    RuleForm f = steps.edit(rule.id()).getForm();
    assertEquals("\"Sale, Summer\", say \"hi\", plain", f.getNewTags());
    steps.post(f, Move.NEXT);
    steps.post(f, Move.NEXT);
    RuleStep saved = steps.post(f, Move.SAVE);
    assertTrue(saved.isSaved(), saved.getErrors().toString());
    assertEquals(
        Arrays.asList("Sale, Summer", "say \"hi\"", "plain"),
        names(t.engine.rules().get(rule.id())));
  }

  @Test
  void aQuotedNameIsOneTagAndAnUnclosedQuoteIsExplained() {
    RuleForm f = atTagStep();
    f.setNewTags("\"Sale, Summer\", \"a \"\"quoted\"\" word\" , vip2,, ");
    RuleStep s = steps.post(f, Move.SAVE);
    assertTrue(s.isSaved(), s.getErrors().toString());
    assertEquals(Arrays.asList("Sale, Summer", "a \"quoted\" word", "vip2"), names(s.saved()));

    RuleForm open = atTagStep();
    open.setNewTags("vip, \"Sale, Summer");
    RuleStep refused = steps.post(open, Move.SAVE);
    assertFalse(refused.isSaved());
    assertTrue(
        refused.getErrors().get("newTags").contains("is not closed"),
        refused.getErrors().toString());
    assertEquals(1, t.engine.rules().list().size(), "nothing more stored");
  }

  private static List<String> names(RuleDefinition r) {
    List<String> out = new ArrayList<String>();
    for (RuleTag tag : r.tags()) out.add(tag.name());
    return out;
  }
}
