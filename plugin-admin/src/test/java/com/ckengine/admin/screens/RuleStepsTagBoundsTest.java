package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.screens.RuleSteps.Move;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The New Rule wizard holds a rule to the bounds plugin-api sets ({@link RuleTag#MAX_NAME_LENGTH},
 * {@link RuleDefinition#MAX_TAGS}, no control characters): a rule beyond them is not saved, the
 * operator reads why beside the field, and nothing throws (the screen never answers 500).
 */
class RuleStepsTagBoundsTest extends RuleStepsTestBase {
  @Test
  void aTypedTagWithAControlCharacterIsRefusedBesideTheField() {
    RuleForm f = atTagStep();
    f.setNewTags("buyer, summer\tsale");
    RuleStep s = steps.post(f, Move.SAVE);
    assertFalse(s.isSaved(), "a tab in a tag name is refused");
    assertEquals(3, s.getStep());
    assertTrue(
        s.getErrors().get("newTags").contains("control character"), s.getErrors().toString());
    assertTrue(s.getErrors().get("newTags").contains("summer\\u0009sale"), "names the tag");
    assertTrue(t.engine.rules().list().isEmpty(), "nothing stored");
  }

  @Test
  void aTypedTagLongerThanTheBoundIsRefusedWithTheApisMessage() {
    RuleForm f = atTagStep();
    f.setNewTags("buyer, " + repeat('x', RuleTag.MAX_NAME_LENGTH + 1));
    RuleStep s = steps.post(f, Move.SAVE);
    assertFalse(s.isSaved());
    assertTrue(
        s.getErrors().get("newTags").contains("longer than 255 characters (256)"),
        s.getErrors().toString());
    assertTrue(t.engine.rules().list().isEmpty());
  }

  @Test
  void moreTagsThanARuleHoldsAreRefusedWithTheCount() {
    RuleForm f = atTagStep();
    StringBuilder typed = new StringBuilder();
    for (int i = 0; i <= RuleDefinition.MAX_TAGS; i++) typed.append("tag ").append(i).append(", ");
    f.setNewTags(typed.toString());
    RuleStep s = steps.post(f, Move.SAVE);
    assertFalse(s.isSaved(), "51 tags are refused");
    assertEquals(3, s.getStep());
    String message = s.getErrors().asMap().toString();
    assertTrue(message.contains("at most 50 tags; this one has 51"), message);
    assertTrue(t.engine.rules().list().isEmpty());

    f.setNewTags(typed.substring(0, typed.lastIndexOf("tag 50")));
    s = steps.post(f, Move.SAVE);
    assertTrue(s.isSaved(), "50 are saved: " + s.getErrors());
    assertEquals(50, s.saved().tags().size());
  }

  @Test
  void aPickedKitTagWhoseNameBreaksTheBoundsIsRefusedNotThrown() {
    long odd = t.sandbox.createTag(t.secret, "line\nbreak");
    assertTrue(new IntegrationSetup(t.engine).refreshTags(main.id()).isOk());
    RuleForm f = atTagStep();
    f.setTagIds(new ArrayList<>(Arrays.asList(odd)));
    RuleStep s = steps.post(f, Move.SAVE);
    assertFalse(s.isSaved());
    assertTrue(s.getErrors().get("tags").contains("control character"), s.getErrors().toString());
    assertTrue(t.engine.rules().list().isEmpty());
  }

  private static String repeat(char c, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append(c);
    return b.toString();
  }
}
