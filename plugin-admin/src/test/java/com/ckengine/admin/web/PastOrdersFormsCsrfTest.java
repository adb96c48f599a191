package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Scanner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every form of the Past Orders tab posts through Broadleaf's {@code blc:form}, which adds the
 * admin's CSRF token (the admin's filter refuses a post without it), like the other tabs' forms: no
 * plain {@code <form method="POST">} that would be refused or, worse, carry no token.
 */
class PastOrdersFormsCsrfTest {
  @Test
  void everyPostOfThePastOrdersPageIsABlcForm() throws Exception {
    String page = template("open_admin_style/templates/views/ckengine/pastOrders.html");
    Matcher plain =
        Pattern.compile("<form[^>]*method=\"POST\"", Pattern.CASE_INSENSITIVE).matcher(page);
    assertFalse(plain.find(), "a plain POST form: " + (plain.find(0) ? plain.group() : ""));
    Matcher blc = Pattern.compile("<blc:form[^>]*method=\"POST\"").matcher(page);
    int forms = 0;
    while (blc.find()) forms++;
    assertEquals(4, forms, "Preview/Apply, Pause, Resume, Cancel");
  }

  private static String template(String path) throws Exception {
    try (InputStream in =
        PastOrdersFormsCsrfTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, path);
      try (Scanner s = new Scanner(in, StandardCharsets.UTF_8.name()).useDelimiter("\\A")) {
        return s.next();
      }
    }
  }
}
