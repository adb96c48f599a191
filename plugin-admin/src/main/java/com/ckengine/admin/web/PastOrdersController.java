package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.IntegrationRow;
import com.ckengine.admin.screens.IntegrationSetup;
import com.ckengine.admin.screens.PastOrdersForm;
import com.ckengine.admin.screens.PastOrdersScreen;
import com.ckengine.admin.screens.PastPreviewView;
import com.ckengine.admin.screens.PastRunRow;
import com.ckengine.admin.screens.Result;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings &gt; Integrations, tab Past Orders: the form (integration, days, rules, exclusions),
 * Preview, Apply to past orders, the active run's progress (a JSON the page polls, read from the
 * database each time, so it survives a reload and a restart), Pause / Resume / Cancel and the
 * integration's past runs. Posts carry Broadleaf's CSRF token like every other form of the admin.
 */
@Controller
@RequestMapping("/" + AdminScreen.SECTION + "/past-orders")
public class PastOrdersController extends AdminScreen {
  static final String PAGE = "redirect:/" + SECTION + "/past-orders";

  /** ASCII only: the answer's bytes are the same whatever charset the converter writes in. */
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);

  @RequestMapping(value = "", method = RequestMethod.GET)
  public String show(
      @RequestParam(value = "integrationId", required = false) String integrationId, Model model) {
    Access a = requireRead();
    PastOrdersForm form = PastOrdersForm.fresh();
    form.setIntegrationId(integrationId);
    return page(model, form, new FieldErrors(), null, a);
  }

  /** Counts what applying the form would do, and shows it above the Apply button. */
  @RequestMapping(value = "/preview", method = RequestMethod.POST)
  public String preview(@ModelAttribute("form") PastOrdersForm form, Model model) {
    Access a = requireRead();
    Result<PastPreviewView> r = screen().preview(form);
    return page(model, form, r.errors(), r.value(), a);
  }

  /** Starts the run; the page then shows its progress (and the run goes on without the page). */
  @RequestMapping(value = "/start", method = RequestMethod.POST)
  public String start(
      @ModelAttribute("form") PastOrdersForm form, Model model, RedirectAttributes flash) {
    Access a = requireWrite();
    Result<PastRunRow> r = screen().start(form);
    if (!r.isOk()) return page(model, form, r.errors(), null, a);
    flash.addFlashAttribute(
        "ckNotice",
        "Run "
            + r.value().getId()
            + " started: "
            + r.value().getTotal()
            + " orders to go through, at the account's limit. You can leave this page; the run goes on.");
    return redirect(r.value().getIntegrationId());
  }

  @RequestMapping(value = "/runs/{id}/pause", method = RequestMethod.POST)
  public String pause(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    return after(id, screen().pause(id), "paused: nothing more is read until you resume it", flash);
  }

  @RequestMapping(value = "/runs/{id}/resume", method = RequestMethod.POST)
  public String resume(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    return after(id, screen().resume(id), "resumed", flash);
  }

  @RequestMapping(value = "/runs/{id}/cancel", method = RequestMethod.POST)
  public String cancel(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    return after(
        id,
        screen().cancel(id),
        "cancelled: its actions not sent yet are cancelled; what was sent stays in Logs",
        flash);
  }

  /**
   * The run's progress as JSON, for the page's progress bar (polled every few seconds); 404 with a
   * message when there is no such run.
   */
  @RequestMapping(value = "/runs/{id}/progress", method = RequestMethod.GET)
  public ResponseEntity<String> progress(@PathVariable("id") long id) throws IOException {
    requireRead();
    PastRunRow run = screen().run(id);
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Cache-Control", "no-store");
    if (run == null) {
      return new ResponseEntity<String>(
          JSON.writeValueAsString(Collections.singletonMap("error", "There is no run " + id + ".")),
          headers,
          HttpStatus.NOT_FOUND);
    }
    return new ResponseEntity<String>(
        JSON.writeValueAsString(run.toJson()), headers, HttpStatus.OK);
  }

  private String after(long id, Result<PastRunRow> r, String done, RedirectAttributes flash) {
    if (r.isOk()) {
      flash.addFlashAttribute("ckNotice", "Run " + id + " " + done + ".");
      return redirect(r.value().getIntegrationId());
    }
    flash.addFlashAttribute("ckError", firstError(r.errors()));
    PastRunRow run = screen().run(id);
    return run == null ? PAGE : redirect(run.getIntegrationId());
  }

  private String page(
      Model model, PastOrdersForm form, FieldErrors errors, PastPreviewView preview, Access a) {
    PastOrdersScreen s = screen();
    List<IntegrationRow> integrations = new IntegrationSetup(engine).rows();
    Long chosen = chosenIntegration(form, integrations, s);
    if (chosen != null && form.getIntegrationId() == null) form.setIntegrationId("" + chosen);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("preview", preview);
    model.addAttribute("available", s.isAvailable());
    model.addAttribute("integrations", integrations);
    model.addAttribute("ruleOptions", s.purchasedRules(chosen));
    model.addAttribute("ruleProducts", s.ruleProducts(chosen));
    model.addAttribute("activeRun", chosen == null ? null : s.active(chosen));
    model.addAttribute(
        "runs", chosen == null ? Collections.<PastRunRow>emptyList() : s.runs(chosen));
    return page(model, "ckengine/pastOrders", "past", a);
  }

  /** The form's integration when it names one that exists; else the first, or none. */
  private static Long chosenIntegration(
      PastOrdersForm form, List<IntegrationRow> integrations, PastOrdersScreen s) {
    Long id = PastOrdersScreen.id(form.getIntegrationId());
    if (id != null && s.integrationExists(id)) return id;
    if (form.getIntegrationId() != null && !form.getIntegrationId().trim().isEmpty()) return null;
    return integrations.isEmpty() ? null : integrations.get(0).getId();
  }

  private static String firstError(FieldErrors errors) {
    return errors.asMap().values().iterator().next();
  }

  private static String redirect(long integrationId) {
    return PAGE + "?integrationId=" + integrationId;
  }

  private PastOrdersScreen screen() {
    return new PastOrdersScreen(engine);
  }
}
