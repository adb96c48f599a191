package com.ckengine.demo.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the customer typed on the checkout page, and what is wrong with it. A plain bean so Spring
 * MVC can bind it; {@link #problems()} is the validation.
 */
public class CheckoutForm {
  /** Something@something.tld, no spaces: the shape Kit and mail servers accept. */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

  static final int MAX_LENGTH = 100;

  private String email;
  private String firstName;
  private boolean addOrderBump;
  // Optional: the billing details a store keeps (Kit custom fields can carry them).
  private String lastName;
  private String phone;
  private String street;
  private String postalCode;
  private String city;
  private String country;

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

  public boolean isAddOrderBump() {
    return addOrderBump;
  }

  public void setAddOrderBump(boolean addOrderBump) {
    this.addOrderBump = addOrderBump;
  }

  public String getLastName() {
    return lastName;
  }

  public void setLastName(String lastName) {
    this.lastName = lastName;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getStreet() {
    return street;
  }

  public void setStreet(String street) {
    this.street = street;
  }

  public String getPostalCode() {
    return postalCode;
  }

  public void setPostalCode(String postalCode) {
    this.postalCode = postalCode;
  }

  public String getCity() {
    return city;
  }

  public void setCity(String city) {
    this.city = city;
  }

  /** The country's code (Broadleaf's country abbreviation, "SE"). */
  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  /** True when a billing address was given (street, postal code, city and country all filled). */
  public boolean hasBillingAddress() {
    return !trimmed(street).isEmpty()
        && !trimmed(postalCode).isEmpty()
        && !trimmed(city).isEmpty()
        && !trimmed(country).isEmpty();
  }

  static String trimmed(String s) {
    return s == null ? "" : s.trim();
  }

  public String trimmedEmail() {
    return email == null ? "" : email.trim();
  }

  public String trimmedFirstName() {
    return firstName == null ? "" : firstName.trim();
  }

  /** Messages for the customer, empty when the form can be checked out. */
  public List<String> problems() {
    List<String> problems = new ArrayList<String>();
    String e = trimmedEmail();
    if (e.isEmpty()) {
      problems.add("Please enter your email address.");
    } else if (e.length() > MAX_LENGTH || !EMAIL.matcher(e).matches()) {
      problems.add(
          "'"
              + e
              + "' is not a valid email address. Please check it (for example name@example.com).");
    }
    String n = trimmedFirstName();
    if (n.isEmpty()) {
      problems.add("Please enter your first name.");
    } else if (n.length() > MAX_LENGTH) {
      problems.add("Your first name is too long (at most " + MAX_LENGTH + " characters).");
    }
    String[][] optional = {
      {"last name", lastName},
      {"phone", phone},
      {"street", street},
      {"postal code", postalCode},
      {"city", city}
    };
    for (String[] o : optional) {
      if (trimmed(o[1]).length() > MAX_LENGTH) {
        problems.add("Your " + o[0] + " is too long (at most " + MAX_LENGTH + " characters).");
      }
    }
    boolean anyAddress =
        !trimmed(street).isEmpty()
            || !trimmed(postalCode).isEmpty()
            || !trimmed(city).isEmpty()
            || !trimmed(country).isEmpty();
    if (anyAddress && !hasBillingAddress()) {
      problems.add(
          "For a billing address, please enter the street, the postal code, the city and the"
              + " country.");
    }
    return Collections.unmodifiableList(problems);
  }
}
