package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one rule may hold is bounded where the rule is made, so no rule an operator can save makes
 * every later event of its trigger fail: at most {@link RuleDefinition#MAX_TAGS} tags, each a
 * trimmed, non-blank name of at most {@link RuleTag#MAX_NAME_LENGTH} characters without control
 * characters.
 */
class RuleBoundsTest {

  @Test
  void aRuleHoldsAtMostMaxTags() {
    assertEquals(50, RuleDefinition.MAX_TAGS);
    assertEquals(50, rule(50).tags().size(), "the bound itself is allowed");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule(51));
    assertTrue(e.getMessage().contains("at most 50 tags"), e.getMessage());
    assertTrue(e.getMessage().contains("51"), "says how many it has: " + e.getMessage());
  }

  @Test
  void aTagNameHoldsAtMostMaxNameLengthCharacters() {
    assertEquals(255, RuleTag.MAX_NAME_LENGTH);
    assertEquals(255, RuleTag.named(repeat('x', 255)).name().length());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RuleTag.of(repeat('x', 256), 7L));
    assertTrue(e.getMessage().contains("longer than 255 characters"), e.getMessage());
    assertTrue(e.getMessage().contains("xxxxxxxx"), "names the tag: " + e.getMessage());
  }

  @Test
  void aTagNameWhoseLowerCaseIsLongerIsRefusedToo() {
    // Kit compares tags ignoring case, and so does the engine (RuleTag.key()); the dotted capital I
    // lower-cases to two characters, so the key of this 200-character name has 400.
    String dottedIs = repeat('\u0130', 200);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RuleTag.named(dottedIs));
    assertTrue(e.getMessage().contains("255 characters"), e.getMessage());
  }

  @Test
  void aTagNameHasNoControlCharacters() {
    for (String bad :
        new String[] {"a\tb", "a\nb", "a\rb", "a\u0000b", "a\u007Fb", "a\u0085b", "a\u2028b"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> RuleTag.named(bad), escaped(bad) + " refused");
      assertTrue(e.getMessage().contains("control character"), e.getMessage());
      for (char c : e.getMessage().toCharArray()) {
        assertTrue(!Character.isISOControl(c), "the message itself shows no control character");
      }
    }
  }

  @Test
  void aTagNameIsTrimmedAndNotBlank() {
    assertEquals("vip", RuleTag.of(" vip ", 3L).name());
    assertThrows(IllegalArgumentException.class, () -> RuleTag.named("   "));
    assertThrows(IllegalArgumentException.class, () -> RuleTag.named(null));
    assertEquals("a b", RuleTag.named("a b").name(), "inner spaces are part of the name");
  }

  private static RuleDefinition rule(int tags) {
    List<RuleTag> t = new ArrayList<RuleTag>();
    for (int i = 0; i < tags; i++) t.add(RuleTag.named("tag " + i));
    return RuleDefinition.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .integrationId(1)
        .action(ActionType.ADD_TAG)
        .tags(t)
        .build();
  }

  private static String repeat(char c, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append(c);
    return b.toString();
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c >= 0x7F ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
