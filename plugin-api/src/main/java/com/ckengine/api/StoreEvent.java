package com.ckengine.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Something that happened in the store, as the engine needs it: who (email, first name), what
 * ({@link Trigger}, lines, money), when, about which order or subscription, and an idempotency key.
 * Immutable and validated when built: an event that exists is an event the engine can store.
 *
 * <p>The {@linkplain #eventKey() event key} is chosen by the host and must be the same every time
 * the host reports the same fact (for example {@code "order:1234:purchased"}): hosts often fire
 * their own events several times, and publishing the same key again is a no-op.
 *
 * <p>Money is in {@linkplain #currency() one currency}; amounts are optional except that an event
 * with amounts or priced lines must name its currency.
 */
public final class StoreEvent {
  /** Longest accepted event key; the engine indexes it. */
  public static final int MAX_EVENT_KEY_LENGTH = 200;

  /** Longest accepted order or subscription reference. */
  public static final int MAX_REFERENCE_LENGTH = 100;

  /** Most lines one event may carry. */
  public static final int MAX_LINES = 500;

  private final Trigger trigger;
  private final Instant occurredAt;
  private final String email;
  private final String firstName;
  private final String reference;
  private final String eventKey;
  private final List<EventLine> lines;
  private final String currency;
  private final BigDecimal subtotal;
  private final BigDecimal tax;
  private final BigDecimal shipping;
  private final BigDecimal discount;
  private final BigDecimal total;
  private final boolean test;
  private final Map<StoreField, String> customerFacts;

  private StoreEvent(Builder b) {
    this.trigger = b.trigger;
    this.occurredAt = b.occurredAt;
    this.email = b.email;
    this.firstName = b.firstName;
    this.reference = b.reference;
    this.eventKey = b.eventKey;
    this.lines = Collections.unmodifiableList(new ArrayList<EventLine>(b.lines));
    this.currency = b.currency;
    this.subtotal = b.subtotal;
    this.tax = b.tax;
    this.shipping = b.shipping;
    this.discount = b.discount;
    this.total = b.total;
    this.test = b.test;
    this.customerFacts =
        Collections.unmodifiableMap(new EnumMap<StoreField, String>(b.customerFacts));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Trigger trigger() {
    return trigger;
  }

  /** When it happened in the store. */
  public Instant occurredAt() {
    return occurredAt;
  }

  /** The customer's email address, trimmed; never null. */
  public String email() {
    return email;
  }

  /** The customer's first name, or null. */
  public String firstName() {
    return firstName;
  }

  /** The order number, or the subscription id for subscription triggers. */
  public String reference() {
    return reference;
  }

  /** The host's idempotency key for this fact. */
  public String eventKey() {
    return eventKey;
  }

  /** The lines, possibly empty (never for the product triggers). */
  public List<EventLine> lines() {
    return lines;
  }

  /** ISO 4217 code such as "USD", or null when the event carries no money. */
  public String currency() {
    return currency;
  }

  public BigDecimal subtotal() {
    return subtotal;
  }

  public BigDecimal tax() {
    return tax;
  }

  public BigDecimal shipping() {
    return shipping;
  }

  public BigDecimal discount() {
    return discount;
  }

  public BigDecimal total() {
    return total;
  }

  /** True for test orders: processed and logged like the others, but marked as test. */
  /**
   * What the host knows of the customer (last name, phone, billing city and country, order count,
   * total spent), each as the text sent to a mapped Kit custom field; only those known. Stored with
   * the event, so a retry sends what was true when it happened.
   */
  public Map<StoreField, String> customerFacts() {
    return customerFacts;
  }

  public boolean isTest() {
    return test;
  }

  /** Deliberately short: no amounts, no lines, since these strings end up in logs. */
  @Override
  public String toString() {
    return "StoreEvent{"
        + trigger
        + ", key="
        + eventKey
        + ", ref="
        + reference
        + ", lines="
        + lines.size()
        + (test ? ", test" : "")
        + "}";
  }

  /** Builds a {@link StoreEvent}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private Trigger trigger;
    private Instant occurredAt;
    private String email;
    private String firstName;
    private final Map<StoreField, String> customerFacts =
        new EnumMap<StoreField, String>(StoreField.class);
    private String reference;
    private String eventKey;
    private final List<EventLine> lines = new ArrayList<EventLine>();
    private String currency;
    private BigDecimal subtotal;
    private BigDecimal tax;
    private BigDecimal shipping;
    private BigDecimal discount;
    private BigDecimal total;
    private boolean test;

    private Builder() {}

    public Builder trigger(Trigger trigger) {
      this.trigger = trigger;
      return this;
    }

    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    /** For hosts that hold a {@link java.util.Date}: {@code occurredAt(date.toInstant())}. */
    public Builder occurredAtMillis(long epochMillis) {
      this.occurredAt = Instant.ofEpochMilli(epochMillis);
      return this;
    }

    public Builder email(String email) {
      this.email = Checks.trimToNull(email);
      return this;
    }

    public Builder firstName(String firstName) {
      this.firstName = Checks.trimToNull(firstName);
      return this;
    }

    public Builder reference(String reference) {
      this.reference = Checks.trimToNull(reference);
      return this;
    }

    public Builder eventKey(String eventKey) {
      this.eventKey = Checks.trimToNull(eventKey);
      return this;
    }

    public Builder addLine(EventLine line) {
      if (line == null)
        throw new InvalidEventException("store event", Collections.singletonList("a line is null"));
      this.lines.add(line);
      return this;
    }

    public Builder lines(List<EventLine> lines) {
      this.lines.clear();
      for (EventLine l : lines) addLine(l);
      return this;
    }

    /** An ISO 4217 code; case is ignored. */
    public Builder currency(String currency) {
      String c = Checks.trimToNull(currency);
      this.currency = c == null ? null : c.toUpperCase(java.util.Locale.ROOT);
      return this;
    }

    public Builder subtotal(BigDecimal subtotal) {
      this.subtotal = subtotal;
      return this;
    }

    public Builder tax(BigDecimal tax) {
      this.tax = tax;
      return this;
    }

    public Builder shipping(BigDecimal shipping) {
      this.shipping = shipping;
      return this;
    }

    public Builder discount(BigDecimal discount) {
      this.discount = discount;
      return this;
    }

    public Builder total(BigDecimal total) {
      this.total = total;
      return this;
    }

    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    /**
     * A fact about the customer for a mapped Kit custom field; trimmed, and a blank or null value
     * leaves it unknown. Refused at {@link #build()} when longer than {@link
     * StoreField#MAX_VALUE_LENGTH}, holding a control character, or for a field the engine derives
     * ({@link StoreField#PRODUCT_BOUGHT}).
     */
    public Builder customerFact(StoreField field, String value) {
      if (field == null) throw new NullPointerException("field");
      String v = Checks.trimToNull(value);
      if (v == null) customerFacts.remove(field);
      else customerFacts.put(field, v);
      return this;
    }

    /** {@link StoreField#ORDER_COUNT}: the customer's submitted orders, this one included. */
    public Builder orderCount(long count) {
      return customerFact(StoreField.ORDER_COUNT, Long.toString(count));
    }

    /** {@link StoreField#TOTAL_SPENT}: what the customer's orders came to, as a plain number. */
    public Builder totalSpent(BigDecimal amount) {
      return customerFact(StoreField.TOTAL_SPENT, amount == null ? null : amount.toPlainString());
    }

    /** Every fact of {@code facts} (a stored event read back). */
    public Builder customerFacts(Map<StoreField, String> facts) {
      for (Map.Entry<StoreField, String> f : facts.entrySet()) {
        customerFact(f.getKey(), f.getValue());
      }
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public StoreEvent build() {
      List<String> p = new ArrayList<String>();
      Checks.required(p, "trigger", trigger);
      Checks.required(p, "occurredAt", occurredAt);
      if (email == null) {
        p.add("email is required");
      } else if (!Checks.isEmail(email)) {
        p.add("email '" + email + "' is not an email address");
      }
      Checks.maxLength(p, "firstName", firstName, 255);
      Checks.required(p, "reference (order number or subscription id)", reference);
      Checks.maxLength(p, "reference", reference, MAX_REFERENCE_LENGTH);
      Checks.required(p, "eventKey", eventKey);
      Checks.maxLength(p, "eventKey", eventKey, MAX_EVENT_KEY_LENGTH);
      if (trigger != null && requiresLines(trigger) && lines.isEmpty()) {
        p.add("a " + trigger.displayName() + " event needs at least one line");
      }
      if (lines.size() > MAX_LINES) p.add("more than " + MAX_LINES + " lines");
      if (currency != null && !isCurrency(currency)) {
        p.add("currency '" + currency + "' is not an ISO 4217 code");
      }
      boolean hasMoney =
          !lines.isEmpty()
              || subtotal != null
              || tax != null
              || shipping != null
              || discount != null
              || total != null;
      if (currency == null && hasMoney)
        p.add("currency is required when lines or amounts are given");
      Checks.notNegative(p, "subtotal", subtotal);
      Checks.notNegative(p, "tax", tax);
      Checks.notNegative(p, "shipping", shipping);
      Checks.notNegative(p, "discount", discount);
      Checks.notNegative(p, "total", total);
      for (Map.Entry<StoreField, String> f : customerFacts.entrySet()) {
        String name = "customer fact " + f.getKey().name();
        if (!f.getKey().fromHost()) {
          p.add(name + " is derived by the engine from the lines, not given by the host");
        }
        Checks.maxLength(p, name, f.getValue(), StoreField.MAX_VALUE_LENGTH);
        if (PlainText.hasControlCharacter(f.getValue())) {
          p.add(name + " holds a control character");
        }
      }
      if (!p.isEmpty()) throw new InvalidEventException("store event", p);
      return new StoreEvent(this);
    }

    private static boolean requiresLines(Trigger t) {
      return t == Trigger.PRODUCT_PURCHASED
          || t == Trigger.PRODUCT_ADDED_TO_ORDER
          || t == Trigger.PRODUCT_REFUNDED
          || t == Trigger.PRODUCT_PARTIALLY_REFUNDED;
    }

    private static boolean isCurrency(String code) {
      if (code.length() != 3) return false;
      try {
        Currency.getInstance(code);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
