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
    return Collections.unmodifiableList(problems);
  }
}
