package com.ckengine.broadleaf.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ckengine.api.StoreField;
import java.math.BigDecimal;
import java.util.Map;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.OrderPaymentImpl;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.AddressImpl;
import org.broadleafcommerce.profile.core.domain.CountryImpl;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.core.domain.CustomerImpl;
import org.broadleafcommerce.profile.core.domain.PhoneImpl;
import org.junit.jupiter.api.Test;

/**
 * What an order tells of its customer for mapped Kit custom fields: last name (the customer's, else
 * the billing address's), phone, city and country of the billing address of the order's active
 * payment (an archived payment's address is not the customer's any more), and the order count and
 * total spent the history gives; nothing is made up for what the order does not know.
 */
class CustomerFactsTest {

  private static Address address(String lastName, String city, String country, String phone) {
    Address a = new AddressImpl();
    a.setLastName(lastName);
    a.setCity(city);
    CountryImpl c = new CountryImpl();
    c.setAbbreviation("FR");
    c.setName(country);
    a.setCountry(c);
    PhoneImpl p = new PhoneImpl();
    p.setPhoneNumber(phone);
    a.setPhonePrimary(p);
    return a;
  }

  private static OrderPayment payment(Address billing, boolean archived) {
    OrderPaymentImpl p = new OrderPaymentImpl();
    p.setBillingAddress(billing);
    if (archived) p.setArchived('Y');
    return p;
  }

  private static Order order(Customer customer, OrderPayment... payments) {
    Order o = new OrderImpl();
    o.setCustomer(customer);
    for (OrderPayment p : payments) o.getPayments().add(p);
    return o;
  }

  @Test
  void theActivePaymentsBillingAddressAndTheHistoryAreRead() {
    Customer customer = new CustomerImpl();
    customer.setId(7L);
    customer.setLastName("Lee");
    Order o =
        order(
            customer,
            payment(address("Old", "Paris", "France", "111"), true),
            payment(address("Lee", "Lyon", "France", "555-0100"), false));

    Map<StoreField, String> facts =
        CustomerFacts.of(o, order -> new CustomerFacts.Totals(3, new BigDecimal("129.90")));

    assertEquals("Lee", facts.get(StoreField.LAST_NAME));
    assertEquals("555-0100", facts.get(StoreField.PHONE));
    assertEquals("Lyon", facts.get(StoreField.BILLING_CITY));
    assertEquals("France", facts.get(StoreField.BILLING_COUNTRY));
    assertEquals("3", facts.get(StoreField.ORDER_COUNT));
    assertEquals("129.90", facts.get(StoreField.TOTAL_SPENT));
  }

  @Test
  void theBillingLastNameStandsInAndUnknownFactsStayUnknown() {
    Customer customer = new CustomerImpl();
    customer.setId(8L);
    Address billing = address("Martin", null, null, null);
    billing.setCountry(null);
    Order o = order(customer, payment(billing, false));

    Map<StoreField, String> facts = CustomerFacts.of(o, CustomerFacts.NO_HISTORY);

    assertEquals("Martin", facts.get(StoreField.LAST_NAME));
    assertFalse(facts.containsKey(StoreField.PHONE));
    assertFalse(facts.containsKey(StoreField.BILLING_CITY));
    assertFalse(facts.containsKey(StoreField.BILLING_COUNTRY));
    assertFalse(facts.containsKey(StoreField.ORDER_COUNT));
  }
}
