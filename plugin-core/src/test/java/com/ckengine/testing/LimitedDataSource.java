package com.ckengine.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool whose size a test sets ({@link #limit}; unlimited at first): a connection asked for while
 * the limit's worth are open waits up to {@code waitMillis}, then fails, as a pool whose
 * connections are all taken does. Shows code that holds a connection while asking for another (the
 * way a pool deadlocks when every caller does it at once).
 */
public final class LimitedDataSource implements DataSource {
  private final String url;
  private final long waitMillis;
  private int limit = Integer.MAX_VALUE;
  private int open;
  private int refused;

  public LimitedDataSource(String url, long waitMillis) {
    this.url = url;
    this.waitMillis = waitMillis;
  }

  /** At most {@code connections} open at once from now on. */
  public synchronized void limit(int connections) {
    this.limit = connections;
  }

  /** How many connections were asked for while the limit's worth were open, and refused. */
  public synchronized int refused() {
    return refused;
  }

  @Override
  public Connection getConnection() throws SQLException {
    take();
    Connection real;
    try {
      real = DriverManager.getConnection(url, "SA", "");
    } catch (SQLException e) {
      give();
      throw e;
    }
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                synchronized (closed) {
                  if (!closed[0]) {
                    closed[0] = true;
                    give();
                  }
                }
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private synchronized void take() throws SQLException {
    long end = System.currentTimeMillis() + waitMillis;
    while (open >= limit) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        refused++;
        throw new SQLException("no free connection: all " + limit + " are in use");
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for a connection", e);
      }
    }
    open++;
  }

  private synchronized void give() {
    open--;
    notifyAll();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
