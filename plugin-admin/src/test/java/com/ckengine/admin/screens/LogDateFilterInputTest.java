package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Logs tab's date filters take YYYY-MM-DD only: dates ISO allows but the log's times cannot
 * hold ({@code +999999999-12-31}, {@code -999999999-01-01}), garbage and days that do not exist
 * come back as a message beside the field, never an exception; an end before the start too.
 */
class LogDateFilterInputTest {
  static final String EXPECTED = "Write the date as YYYY-MM-DD, e.g. 2024-03-31";

  TestEngine t;
  LogSearch logs;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    logs = new LogSearch(t.engine);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private LogSearch.Page search(String from, String to) {
    LogSearchForm f = new LogSearchForm();
    f.setFrom(from);
    f.setTo(to);
    return logs.search(f);
  }

  @Test
  void extremeYearsGarbageAndImpossibleDaysAreAMessageBesideTheField() {
    String[] bad = {
      "+999999999-12-31",
      "-999999999-01-01",
      "+10000-01-01",
      "99999-01-01",
      "2024-02-30",
      "2024-13-01",
      "yesterday",
      "2024-1-1",
      "٢٠٢٤-٠١-٠١",
      "2024-01-01T00:00"
    };
    for (String date : bad) {
      LogSearch.Page asFrom = search(date, null);
      assertEquals(EXPECTED, asFrom.getErrors().get("from"), date);
      assertTrue(asFrom.getRows().isEmpty());
      LogSearch.Page asTo = search(null, date);
      assertEquals(EXPECTED, asTo.getErrors().get("to"), date);
    }
  }

  @Test
  void theWidestFourDigitYearsSearch() {
    assertTrue(search("0001-01-01", "9999-12-31").getErrors().isEmpty());
    assertTrue(search(" 2024-03-31 ", "2024-03-31").getErrors().isEmpty());
  }

  @Test
  void anEndBeforeTheStartIsSaidBesideTheEnd() {
    LogSearch.Page p = search("2024-03-31", "2024-03-01");
    assertEquals("The end date is before the start date", p.getErrors().get("to"));
    assertFalse(p.getErrors().has("from"));
  }
}
