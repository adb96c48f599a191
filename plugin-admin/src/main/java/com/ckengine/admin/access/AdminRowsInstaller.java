package com.ckengine.admin.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.service.jdbc.connections.spi.ConnectionProvider;

/**
 * Adds the plugin's admin rows (Settings > Integrations and its permissions, {@link
 * AdminRowsFile#RESOURCE}) that the database lacks, when the admin starts: a site needs no import
 * file or SQL step for the menu, whichever web app creates the schema.
 *
 * <p>One transaction of its own on the admin's {@code blPU} factory: every missing row is added, or
 * none. A row that is there is left as it is (see {@link MissingAdminRows} for what counts as
 * there, and for ROLE_ADMIN's grant, which is made only with its permission). It never stops the
 * admin from starting: when the rows cannot be added (Broadleaf's admin tables or its own rows not
 * there yet, no right to insert) it logs a WARN saying what is missing and what to do.
 *
 * <p>Logs: INFO with the count when it added rows; DEBUG when all were there.
 */
public class AdminRowsInstaller {
  private static final Log LOG = LogFactory.getLog(AdminRowsInstaller.class);

  private static final String MENU_AT_RISK =
      "Settings > Integrations may be missing from the admin menu: ";

  private static final String OR_RUN_THE_FILE =
      ", or run the INSERT lines of "
          + AdminRowsFile.RESOURCE
          + " (in the plugin-admin jar) against this database (docs/install.md, 'The admin screens')";

  private EntityManagerFactory entityManagerFactory;

  /** The admin's {@code blPU} factory (Broadleaf's bean {@code entityManagerFactory}). */
  public void setEntityManagerFactory(EntityManagerFactory entityManagerFactory) {
    this.entityManagerFactory = entityManagerFactory;
  }

  /**
   * Adds the missing rows; the Spring init method. Returns how many rows it added (0 when all were
   * there or when they could not be added, which it logs). Never throws.
   */
  public int addMissingRows() {
    try {
      List<AdminRow> rows = AdminRowsFile.read();
      try {
        return addMissing(rows);
      } catch (SQLException e) {
        return afterRefusal(rows, e);
      }
    } catch (Exception e) {
      LOG.warn(MENU_AT_RISK + "could not check the plugin's admin rows: " + e + OR_RUN_THE_FILE, e);
      return 0;
    }
  }

  private int addMissing(final List<AdminRow> rows) throws SQLException {
    final MissingAdminRows[] missing = new MissingAdminRows[1];
    inTransaction(
        new JdbcWork() {
          @Override
          public void run(Connection c) throws SQLException {
            missing[0] = MissingAdminRows.find(c, rows);
            if (!missing[0].canAdd()) return;
            try (Statement s = c.createStatement()) {
              for (AdminRow row : missing[0].toAdd()) s.executeUpdate(row.insert());
            }
          }
        },
        true);
    MissingAdminRows m = missing[0];
    if (!m.missingTables().isEmpty()) {
      LOG.warn(
          MENU_AT_RISK
              + "Broadleaf's admin table(s) "
              + String.join(", ", m.missingTables())
              + " do not exist yet, so the plugin's admin rows cannot be added. Start the web app"
              + " that creates the schema (usually the storefront) first, then restart the admin"
              + OR_RUN_THE_FILE
              + ".");
      return 0;
    }
    if (!m.missingReferences().isEmpty()) {
      LOG.warn(
          MENU_AT_RISK
              + m.toAdd().size()
              + " of the plugin's admin rows are missing and cannot be added: Broadleaf's own"
              + " admin rows they refer to are not there: "
              + String.join("; ", m.missingReferences())
              + ". Load Broadleaf's admin rows (load_admin_permissions.sql, load_admin_roles.sql,"
              + " load_admin_menu.sql in the import files of the web app that creates the schema),"
              + " then restart the admin"
              + OR_RUN_THE_FILE
              + ".");
      return 0;
    }
    if (m.toAdd().isEmpty()) {
      LOG.debug("the plugin's admin rows (Settings > Integrations) are all there");
    } else {
      LOG.info(
          "added "
              + m.toAdd().size()
              + " missing admin row(s) of "
              + AdminRowsFile.RESOURCE
              + " (Settings > Integrations and its permissions)");
    }
    return m.toAdd().size();
  }

  /**
   * The inserts failed. Another admin node starting at the same time may have added the rows first:
   * then all is well. Otherwise the database refused (no right to insert, a constraint of the
   * site's own): a WARN with its reason.
   */
  private int afterRefusal(final List<AdminRow> rows, SQLException refusal) {
    final MissingAdminRows[] now = new MissingAdminRows[1];
    try {
      inTransaction(
          new JdbcWork() {
            @Override
            public void run(Connection c) throws SQLException {
              now[0] = MissingAdminRows.find(c, rows);
            }
          },
          false);
    } catch (Exception e) {
      refusal.addSuppressed(e);
    }
    if (now[0] != null && now[0].canAdd() && now[0].toAdd().isEmpty()) {
      LOG.debug("the plugin's admin rows were added by another node meanwhile", refusal);
      return 0;
    }
    LOG.warn(
        MENU_AT_RISK
            + "the database refused to add the plugin's admin rows ("
            + reason(refusal)
            + "). Let the admin's database user insert into Broadleaf's admin tables and restart"
            + " the admin"
            + OR_RUN_THE_FILE
            + ".",
        refusal);
    return 0;
  }

  /** What runs on the connection. */
  private interface JdbcWork {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own on a connection of the factory's connection
   * provider (the admin's data source), and commits only when asked to. A plain connection rather
   * than a session's: Hibernate 4.1 logs a WARN for every metadata result set closed through a
   * session's connection.
   */
  private void inTransaction(JdbcWork work, boolean commit) throws SQLException {
    ConnectionProvider connections = connectionProvider();
    Connection c = connections.getConnection();
    boolean autoCommit = c.getAutoCommit();
    boolean done = false;
    try {
      c.setAutoCommit(false);
      work.run(c);
      if (commit) c.commit();
      done = commit;
    } finally {
      try {
        if (!done) c.rollback();
        c.setAutoCommit(autoCommit);
      } finally {
        connections.closeConnection(c);
      }
    }
  }

  private ConnectionProvider connectionProvider() {
    EntityManager em = entityManagerFactory.createEntityManager();
    try {
      SessionFactoryImplementor sessions =
          (SessionFactoryImplementor) em.unwrap(Session.class).getSessionFactory();
      return sessions.getServiceRegistry().getService(ConnectionProvider.class);
    } finally {
      em.close();
    }
  }

  /** The innermost message: the database's own words. */
  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return String.valueOf(t.getMessage());
  }
}
