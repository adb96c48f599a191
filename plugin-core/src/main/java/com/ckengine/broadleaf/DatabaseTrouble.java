package com.ckengine.broadleaf;

import java.sql.SQLException;
import javax.persistence.PersistenceException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure of the database (unreachable, refusing connections or transactions), which every
 * next order or refund would meet too, from a failure of one order or refund (its fields
 * unreadable, its data making no event), which the next ones would not. A catch-up sweep stops at
 * the first and passes the second.
 */
public final class DatabaseTrouble {
  private DatabaseTrouble() {}

  /** True when {@code e} or one of its causes is the database's or its transactions' failure. */
  public static boolean in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException
          || t instanceof PersistenceException
          || t instanceof DataAccessException
          || t instanceof TransactionException) {
        return true;
      }
    }
    return false;
  }
}
