package com.ckengine.engine.store;

import com.ckengine.api.Trigger;
import java.math.BigDecimal;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/**
 * A published store event ({@code CK_EVENT}). {@code EVENT_KEY} is unique: it is what makes
 * publishing the same fact twice a no-op, even from two nodes at once. The lines are kept as JSON
 * in one column because they are only ever read whole, by the worker that records a purchase; one
 * insert per event keeps publishing cheap.
 */
@Entity
@Table(name = "CK_EVENT")
@org.hibernate.annotations.Table(
    appliesTo = "CK_EVENT",
    indexes = {
      // Retention reads old events in (received time, id) order from where it stopped.
      @org.hibernate.annotations.Index(
          name = "CK_EVENT_RECEIVED",
          columnNames = {"RECEIVED_AT", "ID"}),
      @org.hibernate.annotations.Index(
          name = "CK_EVENT_REF",
          columnNames = {"REFERENCE", "TRIGGER_TYPE"})
    })
public class EventEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkEventId")
  @TableGenerator(
      name = "CkEventId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_EVENT",
      allocationSize = 1000)
  @Column(name = "ID")
  private Long id;

  @Column(name = "EVENT_KEY", nullable = false, unique = true, length = 200)
  private String eventKey;

  @Enumerated(EnumType.STRING)
  @Column(name = "TRIGGER_TYPE", nullable = false, length = 40)
  private Trigger trigger;

  /**
   * When the store says it happened: UTC epoch milliseconds, so nodes in different time zones (or
   * either side of a daylight-saving change) read the same instant. A {@code TIMESTAMP} column is
   * written and read in each JVM's own zone.
   */
  @Column(name = "OCCURRED_AT", nullable = false)
  private long occurredAt;

  /** When the engine stored it, from the engine's clock: UTC epoch milliseconds. */
  @Column(name = "RECEIVED_AT", nullable = false)
  private long receivedAt;

  @Column(name = "EMAIL", nullable = false, length = 254)
  private String email;

  @Column(name = "FIRST_NAME", length = 255)
  private String firstName;

  @Column(name = "REFERENCE", nullable = false, length = 100)
  private String reference;

  @Column(name = "CURRENCY", length = 3)
  private String currency;

  @Column(name = "SUBTOTAL", precision = 19, scale = 4)
  private BigDecimal subtotal;

  @Column(name = "TAX", precision = 19, scale = 4)
  private BigDecimal tax;

  @Column(name = "SHIPPING", precision = 19, scale = 4)
  private BigDecimal shipping;

  @Column(name = "DISCOUNT", precision = 19, scale = 4)
  private BigDecimal discount;

  @Column(name = "TOTAL", precision = 19, scale = 4)
  private BigDecimal total;

  @Column(name = "TEST_EVENT", nullable = false)
  private boolean test;

  @Column(name = "LINES_JSON", length = 1000000)
  private String linesJson;

  /**
   * The values for mapped Kit custom fields, as JSON by store field name: the host's customer facts
   * and the product just bought (engine's EventFacts). Null when none.
   */
  @Column(name = "FACTS_JSON", length = 4000)
  private String factsJson;

  public Long getId() {
    return id;
  }

  public String getEventKey() {
    return eventKey;
  }

  public void setEventKey(String eventKey) {
    this.eventKey = eventKey;
  }

  public Trigger getTrigger() {
    return trigger;
  }

  public void setTrigger(Trigger trigger) {
    this.trigger = trigger;
  }

  /** UTC epoch milliseconds. */
  public long getOccurredAt() {
    return occurredAt;
  }

  public void setOccurredAt(long epochMillis) {
    this.occurredAt = epochMillis;
  }

  /** UTC epoch milliseconds. */
  public long getReceivedAt() {
    return receivedAt;
  }

  public void setReceivedAt(long epochMillis) {
    this.receivedAt = epochMillis;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getReference() {
    return reference;
  }

  public void setReference(String reference) {
    this.reference = reference;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public BigDecimal getSubtotal() {
    return subtotal;
  }

  public void setSubtotal(BigDecimal v) {
    this.subtotal = v;
  }

  public BigDecimal getTax() {
    return tax;
  }

  public void setTax(BigDecimal v) {
    this.tax = v;
  }

  public BigDecimal getShipping() {
    return shipping;
  }

  public void setShipping(BigDecimal v) {
    this.shipping = v;
  }

  public BigDecimal getDiscount() {
    return discount;
  }

  public void setDiscount(BigDecimal v) {
    this.discount = v;
  }

  public BigDecimal getTotal() {
    return total;
  }

  public void setTotal(BigDecimal v) {
    this.total = v;
  }

  public boolean isTest() {
    return test;
  }

  public void setTest(boolean test) {
    this.test = test;
  }

  public String getLinesJson() {
    return linesJson;
  }

  public String getFactsJson() {
    return factsJson;
  }

  public void setFactsJson(String factsJson) {
    this.factsJson = factsJson;
  }

  public void setLinesJson(String linesJson) {
    this.linesJson = linesJson;
  }
}
