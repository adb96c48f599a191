package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.IntegrationForm;
import com.ckengine.admin.screens.LogSearchForm;
import com.ckengine.admin.screens.RuleForm;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The controllers' server-side checks, called as Spring MVC would call them, with the admin's
 * chrome (menu and breadcrumb, which need a running admin) left out.
 */
class ControllerPermissionsTest {
  TestEngine t;
  Access access;
  IntegrationsController integrations;
  RulesController rules;
  LogsController logs;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    integrations = Controllers.integrations(t.engine, () -> access);
    rules = Controllers.rules(t.engine, () -> access);
    logs = Controllers.logs(t.engine, () -> access);
    rules.setProducts(productId -> true);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private IntegrationForm form(String label, String secret) {
    IntegrationForm f = new IntegrationForm();
    f.setLabel(label);
    f.setApiSecret(secret);
    return f;
  }

  @Test
  void withoutThePermissionEveryPageIsRefused() {
    access = Access.NONE;
    ExtendedModelMap model = new ExtendedModelMap();
    assertThrows(NoAccessException.class, () -> integrations.list(model));
    assertThrows(NoAccessException.class, () -> rules.list(model));
    assertThrows(
        NoAccessException.class,
        () ->
            logs.search(new LogSearchForm(), new BeanPropertyBindingResult(null, "search"), model));
    assertThrows(
        NoAccessException.class, () -> logs.entry(1L, model, new RedirectAttributesModelMap()));
  }

  @Test
  void aReaderSeesButEveryChangeIsRefusedOnTheServer() {
    access = Access.WRITE;
    integrations.connect(
        form("Main", t.secret), new ExtendedModelMap(), new RedirectAttributesModelMap());
    long id = t.engine.integrations().list().get(0).id();

    access = Access.READ;
    ExtendedModelMap model = new ExtendedModelMap();
    assertEquals(AdminScreen.CONTAINER, integrations.list(model));
    assertEquals(Boolean.FALSE, model.get("canWrite"), "the page hides the buttons");
    assertEquals("ckengine/setup", model.get("viewType"));

    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    assertThrows(NoAccessException.class, () -> integrations.newForm(new ExtendedModelMap()));
    assertThrows(
        NoAccessException.class,
        () -> integrations.connect(form("Second", t.secret), new ExtendedModelMap(), flash));
    assertThrows(
        NoAccessException.class,
        () -> integrations.rename(id, "Renamed", new ExtendedModelMap(), flash));
    assertThrows(
        NoAccessException.class,
        () -> integrations.replaceSecret(id, t.secret, new ExtendedModelMap(), flash));
    assertThrows(NoAccessException.class, () -> integrations.refresh(id, flash));
    assertThrows(NoAccessException.class, () -> integrations.delete(id, flash));
    RuleForm rf = new RuleForm();
    assertThrows(
        NoAccessException.class,
        () ->
            rules.step(
                rf,
                new BeanPropertyBindingResult(rf, "ruleForm"),
                "SAVE",
                new ExtendedModelMap(),
                flash));
    assertThrows(NoAccessException.class, () -> rules.setState(1L, false, flash));
    assertThrows(NoAccessException.class, () -> rules.delete(1L, flash));
    assertThrows(NoAccessException.class, () -> logs.retry(1L, flash));

    assertEquals(1, t.engine.integrations().list().size(), "nothing changed");
    assertEquals("Main", t.engine.integrations().get(id).label());
  }

  @Test
  void aRefusalAnswers403WithTheReason() {
    AtomicInteger status = new AtomicInteger();
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("setStatus")) status.set((Integer) args[0]);
                  return null;
                });
    ModelAndView mv = integrations.refused(new NoAccessException("nope"), response);
    assertEquals(403, status.get());
    assertEquals("nope", mv.getModel().get("ckRefusal"));
  }

  @Test
  void aWrongSecretComesBackWithTheLabelAndWithoutTheSecret() {
    access = Access.WRITE;
    ExtendedModelMap model = new ExtendedModelMap();
    String view =
        integrations.connect(form("Main", "wrong-secret"), model, new RedirectAttributesModelMap());
    assertEquals(AdminScreen.CONTAINER, view, "the form again, not a redirect");
    IntegrationForm back = (IntegrationForm) model.get("form");
    assertEquals("Main", back.getLabel());
    assertNull(back.getApiSecret());
    assertTrue(((FieldErrors) model.get("errors")).has("apiSecret"));

    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String ok = integrations.connect(form("Main", t.secret), new ExtendedModelMap(), flash);
    assertEquals(IntegrationsController.LIST, ok);
    String notice = (String) flash.getFlashAttributes().get("ckNotice");
    assertTrue(notice.contains("never shown again"), notice);
    assertFalse(notice.contains(t.secret));
  }
}
