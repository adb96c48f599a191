package com.ckengine.demo.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassBindingGuardFilterTest {
  @Test
  void namesThatReachIntoClassAreCaught() {
    assertTrue(ClassBindingGuardFilter.isClassPath("class.module.classLoader"));
    assertTrue(ClassBindingGuardFilter.isClassPath("customer.class.classLoader"));
    assertTrue(ClassBindingGuardFilter.isClassPath("items[0].Class.x"));
    assertTrue(ClassBindingGuardFilter.isClassPath("CLASS"));
  }

  @Test
  void ordinaryNamesPass() {
    assertFalse(ClassBindingGuardFilter.isClassPath("email"));
    assertFalse(ClassBindingGuardFilter.isClassPath("fields['name'].value"));
    assertFalse(ClassBindingGuardFilter.isClassPath("classification"));
    assertFalse(ClassBindingGuardFilter.isClassPath("subclass.name"));
  }
}
