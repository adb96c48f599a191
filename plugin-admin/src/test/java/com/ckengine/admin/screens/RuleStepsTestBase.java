package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.screens.RuleSteps.Move;
import com.ckengine.engine.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the New Rule wizard's tests share: the test engine with the account connected as "Main", and
 * the wizard over a store that has every product.
 */
abstract class RuleStepsTestBase {
  TestEngine t;
  RuleSteps steps;
  Integration main;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    steps = new RuleSteps(t.engine, productId -> true);
    main = t.connectMain();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  /** A new Product Purchased, Add Tag rule on "Main", walked to the tags step. */
  RuleForm atTagStep() {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_PURCHASED");
    steps.post(f, Move.NEXT);
    f.setIntegrationId(main.id());
    f.setAction("ADD_TAG");
    assertEquals(3, steps.post(f, Move.NEXT).getStep());
    return f;
  }
}
