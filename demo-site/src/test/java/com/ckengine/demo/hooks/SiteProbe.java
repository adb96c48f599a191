package com.ckengine.demo.hooks;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.CatchUpSweep;
import com.ckengine.broadleaf.order.OrderPurchases;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javax.servlet.ServletContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Runs inside the storefront web application (loaded by its class loader, see {@link Site}): the
 * test's hands on the store's own engine and hooks. Only strings cross the class-loader boundary.
 */
public final class SiteProbe implements BiFunction<ServletContext, List<String>, List<String>> {

  /** integration, from ms, to ms, rule id, exclude refunded, exclude test. */
  private static com.ckengine.engine.PastOrderRequest pastRequest(List<String> c) {
    return com.ckengine.engine.PastOrderRequest.builder()
        .integrationId(Long.parseLong(c.get(1)))
        .range(
            java.time.Instant.ofEpochMilli(Long.parseLong(c.get(2))),
            java.time.Instant.ofEpochMilli(Long.parseLong(c.get(3))))
        .oneRule(Long.parseLong(c.get(4)))
        .excludeRefunded(Boolean.parseBoolean(c.get(5)))
        .excludeTest(Boolean.parseBoolean(c.get(6)))
        .build();
  }

  @Override
  public List<String> apply(ServletContext servletContext, List<String> command) {
    WebApplicationContext spring =
        WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    IntegrationEngine engine = spring.getBean("ckIntegrationEngine", IntegrationEngine.class);
    List<String> out = new ArrayList<>();
    switch (command.get(0)) {
      case "connect":
        out.add(String.valueOf(engine.integrations().connect(command.get(1), command.get(2)).id()));
        break;
      case "rule":
        {
          RuleDefinition.Builder b =
              RuleDefinition.builder()
                  .integrationId(Long.parseLong(command.get(1)))
                  .trigger(Trigger.valueOf(command.get(2)))
                  .action(ActionType.valueOf(command.get(3)))
                  .productId(command.get(4).isEmpty() ? null : Long.valueOf(command.get(4)));
          for (String tag : command.subList(5, command.size())) b.addTag(tag);
          out.add(String.valueOf(engine.rules().create(b.build()).id()));
          break;
        }
      case "targetRule":
        {
          // A form or sequence rule, its target picked by name from the integration's cached
          // list (filled when it was connected), as the wizard's picker does.
          long integration = Long.parseLong(command.get(1));
          ActionType action = ActionType.valueOf(command.get(3));
          com.ckengine.engine.Integration i = engine.integrations().get(integration);
          List<com.ckengine.kit.KitListItem> list =
              action.takes() == ActionType.Takes.FORM ? i.forms() : i.sequences();
          com.ckengine.api.RuleTarget target = null;
          for (com.ckengine.kit.KitListItem item : list) {
            if (item.name().equals(command.get(5))) {
              target = com.ckengine.api.RuleTarget.of(item.id(), item.name());
            }
          }
          if (target == null) throw new IllegalStateException("not in the cached list: " + list);
          RuleDefinition.Builder b =
              RuleDefinition.builder()
                  .integrationId(integration)
                  .trigger(Trigger.valueOf(command.get(2)))
                  .action(action)
                  .target(target)
                  .productId(command.get(4).isEmpty() ? null : Long.valueOf(command.get(4)));
          out.add(String.valueOf(engine.rules().create(b.build()).id()));
          out.add(String.valueOf(target.kitId()));
          break;
        }
      case "refreshFields":
        // The admin's Refresh: the account's forms, sequences and custom fields read again.
        out.add(
            String.valueOf(
                engine
                    .integrations()
                    .refreshFormsAndSequences(Long.parseLong(command.get(1)))
                    .customFields()
                    .size()));
        break;
      case "mapFields":
        {
          // store field name, Kit field key, ...: saved as the Custom fields page saves it.
          java.util.Map<String, String> posted = new java.util.LinkedHashMap<>();
          for (int i = 2; i + 1 < command.size(); i += 2) {
            posted.put(command.get(i), command.get(i + 1));
          }
          engine
              .fieldMappings()
              .save(
                  Long.parseLong(command.get(1)), com.ckengine.engine.FieldMappings.parse(posted));
          break;
        }
      case "targets":
        {
          // A reference's form and sequence entries: action|form or sequence|status|what was sent
          LogQuery.Builder q = LogQuery.builder().pageSize(200).reference(command.get(1));
          for (LogEntry e : engine.log().search(q.build()).entries()) {
            if (e.target() == null) continue;
            out.add(e.action() + "|" + e.target() + "|" + e.status() + "|" + e.sent());
          }
          break;
        }
      case "log":
        {
          LogQuery.Builder q = LogQuery.builder().pageSize(200);
          if (!command.get(1).isEmpty()) q.reference(command.get(1));
          if (command.size() > 2 && !command.get(2).isEmpty())
            q.trigger(Trigger.valueOf(command.get(2)));
          if (command.size() > 3 && !command.get(3).isEmpty()) q.email(command.get(3));
          for (LogEntry e : engine.log().search(q.build()).entries()) {
            out.add(
                e.trigger()
                    + "|"
                    + e.action()
                    + "|"
                    + e.status()
                    + "|"
                    + e.tags()
                    + "|"
                    + (e.isTest() ? "test" : "real")
                    + "|"
                    + e.reference()
                    + "|"
                    + e.eventId()
                    + "|"
                    + (e.note() == null ? "" : e.note())
                    + "|"
                    + (e.message() == null ? "" : e.message()));
          }
          break;
        }
      case "ruleEnabled":
        {
          RuleDefinition r = engine.rules().get(Long.parseLong(command.get(1)));
          engine
              .rules()
              .update(r.toBuilder().enabled(Boolean.parseBoolean(command.get(2))).build());
          break;
        }
      case "pastPreview":
        {
          com.ckengine.engine.PastOrderPreview p =
              engine.pastOrders().preview(pastRequest(command));
          out.add(
              p.orders()
                  + ","
                  + p.customers()
                  + ","
                  + p.refundedLeftOut()
                  + ","
                  + p.testLeftOut()
                  + ","
                  + p.actions()
                  + ","
                  + p.alreadyPlannedByKind().getOrDefault(ActionType.REMOVE_TAG, 0L));
          break;
        }
      case "pastTimed":
        {
          // The same request previewed `repeats` times, then the run's first slice read `repeats`
          // times through the store's own source (ckPastOrders): counts, then each call's ms.
          int repeats = Integer.parseInt(command.get(7));
          int slice = Integer.parseInt(command.get(8));
          com.ckengine.engine.PastOrderRequest request = pastRequest(command);
          com.ckengine.engine.PastOrderPreview p = null;
          List<String> previewMs = new ArrayList<>();
          for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            p = engine.pastOrders().preview(request);
            previewMs.add(String.valueOf((System.nanoTime() - t0) / 1_000_000));
          }
          out.add(
              p.orders()
                  + ","
                  + p.customers()
                  + ","
                  + p.refundedLeftOut()
                  + ","
                  + p.testLeftOut()
                  + ","
                  + p.actions());
          out.add(String.join(",", previewMs));
          com.ckengine.api.past.PastOrderSource source =
              spring.getBean("ckPastOrders", com.ckengine.api.past.PastOrderSource.class);
          com.ckengine.api.past.PastOrderQuery query =
              new com.ckengine.api.past.PastOrderQuery(
                  request.from(),
                  request.to(),
                  null,
                  request.excludeRefunded(),
                  request.excludeTest());
          List<String> pageMs = new ArrayList<>();
          List<com.ckengine.api.past.PastOrder> page = null;
          for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            page = source.page(query, null, slice);
            pageMs.add(String.valueOf((System.nanoTime() - t0) / 1_000_000));
          }
          long unusable = page.stream().filter(o -> o.event() == null).count();
          out.add(String.join(",", pageMs));
          out.add(page.size() + "," + unusable + "," + page.get(0).position());
          break;
        }
      case "pastStart":
        out.add(String.valueOf(engine.pastOrders().start(pastRequest(command)).runId()));
        break;
      case "pastProgress":
        {
          com.ckengine.engine.PastOrderProgress p =
              engine.pastOrders().progress(Long.parseLong(command.get(1)));
          out.add(
              p.status()
                  + ","
                  + p.total()
                  + ","
                  + p.done()
                  + ","
                  + p.sent()
                  + ","
                  + p.skippedLive()
                  + ","
                  + p.skippedEarlier());
          break;
        }
      case "pastLog":
        for (LogEntry e :
            engine
                .log()
                .search(LogQuery.builder().reference(command.get(1)).pastOrders(true).build())
                .entries()) {
          out.add(e.action() + "|" + e.status() + "|" + e.tags() + "|" + e.pastRunId());
        }
        break;
      case "sweep":
        {
          CatchUpSweep.Run r =
              spring.getBean("ckSubmittedOrderSweep", CatchUpSweep.class).runOnce();
          out.add(r.examined + "," + r.published + "," + r.stoppedByFailure + "," + r.passed);
          break;
        }
      case "sweepScheduled":
        {
          // Stops or restarts the sweep's own timer, so a test runs it alone, step by step.
          CatchUpSweep sweep = spring.getBean("ckSubmittedOrderSweep", CatchUpSweep.class);
          if (Boolean.parseBoolean(command.get(1))) sweep.start();
          else sweep.destroy();
          break;
        }
      case "resetSweep":
        spring
            .getBean("ckSubmittedOrderSweep", CatchUpSweep.class)
            .resetWatermark(System.currentTimeMillis());
        break;
      case "purchasesEnabled":
        spring
            .getBean("ckOrderPurchases", OrderPurchases.class)
            .setEnabled(Boolean.parseBoolean(command.get(1)));
        break;
      case "refund":
        {
          com.ckengine.broadleaf.refund.OrderRefunds refunds =
              spring.getBean("ckOrderRefunds", com.ckengine.broadleaf.refund.OrderRefunds.class);
          out.add(
              refunds
                  .refund(
                      com.ckengine.broadleaf.refund.RefundRequest.builder(
                              command.get(1), command.get(2))
                          .orderAmount(new java.math.BigDecimal(command.get(3)))
                          .build())
                  .toString());
          break;
        }
      case "orderStatus":
        {
          org.broadleafcommerce.core.order.service.OrderService orders =
              spring.getBean(
                  "blOrderService", org.broadleafcommerce.core.order.service.OrderService.class);
          org.broadleafcommerce.core.order.domain.Order order =
              orders.findOrderByOrderNumber(command.get(1));
          order.setStatus(
              org.broadleafcommerce.core.order.service.type.OrderStatus.getInstance(
                  command.get(2)));
          try {
            orders.save(order, false);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          break;
        }
      case "hooksEnabled":
        {
          boolean on = Boolean.parseBoolean(command.get(1));
          spring.getBean("ckOrderPurchases", OrderPurchases.class).setEnabled(on);
          spring
              .getBean("ckProspects", com.ckengine.broadleaf.prospect.Prospects.class)
              .setEnabled(on);
          break;
        }
      case "refundSweep":
        // How many refund events the run stored.
        out.add(
            String.valueOf(
                spring.getBean("ckRefundSweep", CatchUpSweep.class).runOnce().published));
        break;
      case "forgetOrders":
        // What a restart forgets: the orders seen stored or handed over, the sweep's place.
        spring.getBean("ckOrderPurchases", OrderPurchases.class).forget();
        spring.getBean("ckSubmittedOrderSweep", CatchUpSweep.class).forget();
        break;
      case "forgetRefunds":
        // What a restart forgets: the refunds seen stored or handed over, the sweep's place.
        spring
            .getBean("ckOrderRefunds", com.ckengine.broadleaf.refund.BroadleafOrderRefunds.class)
            .forget();
        spring.getBean("ckRefundSweep", CatchUpSweep.class).forget();
        break;
      default:
        throw new IllegalArgumentException("unknown probe command " + command);
    }
    return out;
  }
}
