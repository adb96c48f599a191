package com.ckengine.broadleaf.order;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.broadleafcommerce.common.payment.PaymentGatewayType;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.OrderPaymentImpl;
import org.junit.jupiter.api.Test;

/** Which orders are test orders is the store's choice: nothing is one unless the site says so. */
class TestPaymentsTest {

  static Order paidWith(PaymentGatewayType gateway, PaymentType type) {
    Order order = new OrderImpl();
    OrderPayment p = new OrderPaymentImpl();
    p.setPaymentGatewayType(gateway);
    p.setType(type);
    p.setOrder(order);
    order.getPayments().add(p);
    return order;
  }

  static final Order CASH_ON_DELIVERY = paidWith(PaymentGatewayType.PASSTHROUGH, PaymentType.COD);
  static final Order DEMO_TEST_PAYMENT =
      paidWith(PaymentGatewayType.PASSTHROUGH, PaymentType.CREDIT_CARD);

  @Test
  void byDefaultNoOrderIsATestOrderNotEvenOnePaidThroughNoGateway() {
    TestPayments none = TestPayments.parse("");
    assertFalse(none.isTestOrder(CASH_ON_DELIVERY), "a real customer paying cash on delivery");
    assertFalse(none.isTestOrder(DEMO_TEST_PAYMENT));
    assertFalse(TestPayments.parse(null).isTestOrder(DEMO_TEST_PAYMENT));
  }

  @Test
  void aGatewayAndPaymentTypeMarkOnlyThatCombination() {
    TestPayments demo = TestPayments.parse("passthrough:credit_card");
    assertTrue(demo.isTestOrder(DEMO_TEST_PAYMENT));
    assertFalse(demo.isTestOrder(CASH_ON_DELIVERY), "the same gateway paid another way is real");
  }

  @Test
  void aGatewayAloneMarksEveryPaymentThroughIt() {
    TestPayments sandboxGateway = TestPayments.parse(" PASSTHROUGH , OTHER_GATEWAY:CHECK ");
    assertTrue(sandboxGateway.isTestOrder(CASH_ON_DELIVERY));
    assertTrue(sandboxGateway.isTestOrder(DEMO_TEST_PAYMENT));
    assertFalse(sandboxGateway.isTestOrder(new OrderImpl()), "an order without payments");
  }

  @Test
  void anEntryOfAnotherFormIsRefusedWithWhatIsExpected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TestPayments.parse("PASSTHROUGH:A:B"));
    assertTrue(e.getMessage().contains("PASSTHROUGH:CREDIT_CARD"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TestPayments.parse("PASS THROUGH"));
    assertThrows(IllegalArgumentException.class, () -> TestPayments.parse("PASSTHROUGH:"));
  }
}
