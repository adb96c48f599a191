package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The order sweep, the refund sweep and the engine's retention read one look-back setting, so the
 * log can never forget what a sweep still looks at (docs/engine.md, "Retention").
 */
class SweepLookbackOneSettingTest {
  static final Pattern LOOKBACK =
      Pattern.compile("name=\"(lookbackHours|sweepLookbackHours)\" value=\"([^\"]*)\"");

  @Test
  void bothSweepsAndTheEngineReadCkengineSweepsLookbackHours() throws Exception {
    List<String> values = new ArrayList<>();
    for (String file :
        new String[] {
          "bl-ckengine-applicationContext.xml", "bl-ckengine-site-applicationContext.xml"
        }) {
      Matcher m = LOOKBACK.matcher(read(file));
      while (m.find()) values.add(m.group(1) + "=" + m.group(2));
    }
    assertEquals(
        List.of(
            "sweepLookbackHours=${ckengine.sweeps.lookbackHours}",
            "lookbackHours=${ckengine.sweeps.lookbackHours}",
            "lookbackHours=${ckengine.sweeps.lookbackHours}"),
        values,
        "the engine (retention), the refund sweep and the order sweep");
    String defaults = read("config/bc/ckengine/common.properties");
    assertFalse(
        Pattern.compile("(?m)^ckengine\\.(orders\\.sweep|refunds)\\.lookbackHours")
            .matcher(defaults)
            .find(),
        "no second look-back setting");
  }

  private static String read(String resource) throws Exception {
    try (InputStream in =
            SweepLookbackOneSettingTest.class.getClassLoader().getResourceAsStream(resource);
        Scanner s = new Scanner(in, StandardCharsets.UTF_8.name()).useDelimiter("\\A")) {
      return s.next();
    }
  }
}
