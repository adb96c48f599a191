package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlainTextTest {
  @Test
  void lineBreaksTabsNulAndOtherControlsAreFound() {
    for (String s :
        new String[] {"a\rb", "a\nb", "a\tb", "a\u0000b", "\u007f", "\u0085", "\u2028"}) {
      assertTrue(PlainText.hasControlCharacter(s), s);
    }
    assertFalse(PlainText.hasControlCharacter("Main newsletter <b>ünïcode</b> \\n"));
    assertFalse(PlainText.hasControlCharacter(null));
  }

  @Test
  void escapedTextStaysOnOneLineAndSaysWhatWasThere() {
    assertEquals(
        "Tag x\\r\\n12:00:00 INFO forged\\t\\u0000\\u2028",
        PlainText.escaped("Tag x\r\n12:00:00 INFO forged\t\u0000\u2028"));
    assertEquals("plain", PlainText.escaped("plain"));
    assertNull(PlainText.escaped(null));
  }
}
