package com.ckengine.admin.web;

import com.ckengine.admin.access.Access;
import com.ckengine.admin.order.StoreOrders;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.IntegrationSetup;
import com.ckengine.admin.screens.LogRow;
import com.ckengine.admin.screens.LogSearch;
import com.ckengine.admin.screens.LogSearchForm;
import com.ckengine.admin.screens.NotStoredEvents;
import com.ckengine.admin.screens.Result;
import com.ckengine.admin.screens.SweepSchedule;
import com.ckengine.admin.screens.WhyNoTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionStatus;
import javax.annotation.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings &gt; Integrations, tab Logs: the events that could not be stored (with their Retry),
 * search, an entry's detail, Retry of a FAILED entry, Send anyway of a FAILED purchase in doubt.
 */
@Controller
@RequestMapping("/" + AdminScreen.SECTION + "/logs")
public class LogsController extends AdminScreen {
  static final String LIST = "redirect:/" + SECTION + "/logs";

  private SweepSchedule sweeps = new SweepSchedule();

  /** Without a store to ask, every order is taken to exist (nothing is offered for dismissal). */
  private StoreOrders orders = reference -> true;

  /** When the host's sweeps run: what a Retry of an event that could not be stored tells. */
  @Resource(name = "ckSweepSchedule")
  public void setSweeps(SweepSchedule sweeps) {
    this.sweeps = sweeps;
  }

  /** Whether an event's order still exists: Dismiss is offered only when it does not. */
  @Resource(name = "ckStoreOrders")
  public void setOrders(StoreOrders orders) {
    this.orders = orders;
  }

  /** Searching is a GET: a search can be bookmarked and changes nothing. */
  @RequestMapping(value = "", method = RequestMethod.GET)
  public String search(
      @ModelAttribute("search") LogSearchForm form, BindingResult binding, Model model) {
    Access a = requireRead();
    model.addAttribute("result", new LogSearch(engine).search(form));
    model.addAttribute("statuses", ActionStatus.values());
    model.addAttribute("triggers", Trigger.values());
    model.addAttribute("actions", com.ckengine.api.ActionType.values());
    model.addAttribute("integrations", new IntegrationSetup(engine).rows());
    model.addAttribute("notStored", notStored().rows());
    // "Why?": for an email, why each of its latest events did or did not lead to each action.
    model.addAttribute("why", WhyNoTag.of(engine, form.getEmail()));
    return page(model, "ckengine/logs", "logs", a);
  }

  @RequestMapping(value = "/{id}", method = RequestMethod.GET)
  public String entry(@PathVariable("id") long id, Model model, RedirectAttributes flash) {
    Access a = requireRead();
    LogRow row = new LogSearch(engine).entry(id);
    if (row == null) {
      flash.addFlashAttribute("ckError", "That log entry no longer exists");
      return LIST;
    }
    model.addAttribute("entry", row);
    return page(model, "ckengine/logEntry", "logs", a);
  }

  @RequestMapping(value = "/{id}/retry", method = RequestMethod.POST)
  public String retry(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    String problem = new LogSearch(engine).retry(id);
    if (problem == null) {
      flash.addFlashAttribute(
          "ckNotice", "Entry " + id + " is queued again and will be sent in a moment");
    } else {
      flash.addFlashAttribute("ckError", problem);
    }
    return "redirect:/" + SECTION + "/logs/" + id;
  }

  /** The operator checked Kit and the purchase is missing: send it without another look-up. */
  @RequestMapping(value = "/{id}/send-anyway", method = RequestMethod.POST)
  public String sendAnyway(@PathVariable("id") long id, RedirectAttributes flash) {
    requireWrite();
    String problem = new LogSearch(engine).sendAnyway(id);
    if (problem == null) {
      flash.addFlashAttribute(
          "ckNotice", "Entry " + id + " is queued and will be sent in a moment, without a look-up");
    } else {
      flash.addFlashAttribute("ckError", problem);
    }
    return "redirect:/" + SECTION + "/logs/" + id;
  }

  /**
   * Retry of an event that could not be stored: the host's sweep publishes it first at its next
   * run. A POST with Broadleaf's CSRF token, and the same permission as an entry's Retry.
   */
  @RequestMapping(value = "/not-stored/retry", method = RequestMethod.POST)
  public String retryNotStored(
      @RequestParam(value = "eventKey", required = false) String eventKey,
      RedirectAttributes flash) {
    requireWrite();
    Result<String> r = notStored().retry(eventKey);
    if (r.isOk()) flash.addFlashAttribute("ckNotice", r.value());
    else flash.addFlashAttribute("ckError", r.errors().get(FieldErrors.GLOBAL));
    return LIST;
  }

  /**
   * Dismiss of an event whose order no longer exists (nothing can store it any more). A POST with
   * the CSRF token and the same permission as Retry.
   */
  @RequestMapping(value = "/not-stored/dismiss", method = RequestMethod.POST)
  public String dismissNotStored(
      @RequestParam(value = "eventKey", required = false) String eventKey,
      RedirectAttributes flash) {
    requireWrite();
    Result<String> r = notStored().dismiss(eventKey);
    if (r.isOk()) flash.addFlashAttribute("ckNotice", r.value());
    else flash.addFlashAttribute("ckError", r.errors().get(FieldErrors.GLOBAL));
    return LIST;
  }

  private NotStoredEvents notStored() {
    return new NotStoredEvents(engine, sweeps, orders);
  }
}
