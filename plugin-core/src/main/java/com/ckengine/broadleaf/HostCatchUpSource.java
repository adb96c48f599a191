package com.ckengine.broadleaf;

import javax.persistence.EntityManagerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A {@link CatchUpSource} that reads Broadleaf's own tables: the wiring both sources share
 * (Broadleaf's {@code entityManagerFactory} and {@code blTransactionManager}) and the transactions
 * made from them.
 */
public abstract class HostCatchUpSource implements CatchUpSource {
  private EntityManagerFactory emf;
  private PlatformTransactionManager tm;
  private HostTransactions host;

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.emf = emf;
  }

  /** Broadleaf's {@code blTransactionManager}. */
  public void setTransactionManager(PlatformTransactionManager tm) {
    this.tm = tm;
  }

  /** Work on Broadleaf's tables, each call in a transaction of its own. */
  protected synchronized HostTransactions host() {
    if (host == null) host = new HostTransactions(emf, tm);
    return host;
  }
}
