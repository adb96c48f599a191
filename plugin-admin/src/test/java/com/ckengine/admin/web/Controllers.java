package com.ckengine.admin.web;

import com.ckengine.admin.access.AdminAccess;
import com.ckengine.admin.screens.LogSearchForm;
import com.ckengine.admin.screens.NotStoredRow;
import com.ckengine.engine.IntegrationEngine;
import java.util.List;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * The plugin's controllers as Spring MVC calls them, on a test's engine and asking {@code access}
 * what the user may do; the admin's chrome (menu and breadcrumb, which need a running admin) is
 * left out.
 */
final class Controllers {
  private Controllers() {}

  static IntegrationsController integrations(IntegrationEngine engine, AdminAccess access) {
    return on(
        new IntegrationsController() {
          @Override
          protected void chrome(Model model) {}
        },
        engine,
        access);
  }

  static RulesController rules(IntegrationEngine engine, AdminAccess access) {
    return on(
        new RulesController() {
          @Override
          protected void chrome(Model model) {}
        },
        engine,
        access);
  }

  static LogsController logs(IntegrationEngine engine, AdminAccess access) {
    return on(
        new LogsController() {
          @Override
          protected void chrome(Model model) {}
        },
        engine,
        access);
  }

  static PastOrdersController pastOrders(IntegrationEngine engine, AdminAccess access) {
    return on(
        new PastOrdersController() {
          @Override
          protected void chrome(Model model) {}
        },
        engine,
        access);
  }

  /** The events that could not be stored, as the Logs tab lists them. */
  @SuppressWarnings("unchecked")
  static List<NotStoredRow> notStoredRows(LogsController logs) {
    ExtendedModelMap model = new ExtendedModelMap();
    LogSearchForm form = new LogSearchForm();
    logs.search(form, new BeanPropertyBindingResult(form, "search"), model);
    return (List<NotStoredRow>) model.get("notStored");
  }

  private static <S extends AdminScreen> S on(
      S screen, IntegrationEngine engine, AdminAccess access) {
    screen.setEngine(engine);
    screen.setAccess(access);
    return screen;
  }
}
