package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void theSubscribersEmailIsMaskedWhateverItsCase() {
    assertEquals(
        "Email address a***@example.com is invalid",
        LogText.maskEmail(
            "Email address Ann.Smith@Example.com is invalid", "ann.smith@example.com"));
  }

  @Test
  void anyOtherEmailInTheTextIsMaskedToo() {
    assertEquals(
        "b***@shop.example.co.uk and o***@kit.test",
        LogText.maskEmail("bob+vip@shop.example.co.uk and owner@kit.test", null));
  }

  @Test
  void textWithoutAnEmailIsLeftAsItIs() {
    assertEquals(
        "Tag not found (HTTP 404)", LogText.maskEmail("Tag not found (HTTP 404)", "a@b.c"));
    assertNull(LogText.maskEmail(null, "a@b.c"));
  }

  @Test
  void aMaskKeepsTheFirstCharacterAndTheDomainOnly() {
    assertEquals("c***@example.com", LogText.masked("carol@EXAMPLE.com"));
    assertEquals("***", LogText.masked("no-at-sign"));
    assertEquals("***", LogText.masked("@example.com"));
  }
}
