package continuum.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;

import javax.sql.DataSource;

import continuum.platform.DatabaseFailure;
import continuum.platform.OutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's JDBC transaction manager, except that a commit counts as done only when
 * PostgreSQL answered it with a plain success. A commit answered with a warning, or cut
 * off by a lost connection, throws {@link OutcomeUnknownException}: when a commit waiting
 * for its synchronous standby is cancelled, PostgreSQL keeps the transaction (committed
 * locally, perhaps never replicated) and reports success with the warning "canceling wait
 * for synchronous replication", which a plain driver call takes for success. COMMIT
 * carries no other warning, so any warning is taken as that one (its text may be
 * translated).
 *
 * <p>
 * A rollback that fails because the connection is gone (the primary died under it, and
 * the pool closed the connection) is a database failure like the one that caused it: the
 * server ends a transaction whose connection is gone without committing it, so nothing
 * was saved, and the request that met it is answered as "not committed" (503) rather than
 * as an internal error.
 */
class OutcomeCheckingTransactionManager extends JdbcTransactionManager {

	private static final Logger log = LoggerFactory.getLogger(OutcomeCheckingTransactionManager.class);

	OutcomeCheckingTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		Connection connection = ((ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource()))
			.getConnection();
		try {
			if (connection.isClosed()) {
				// The pool closed it after a statement found it broken: COMMIT was never
				// sent.
				throw new TransactionSystemException("The connection was lost before the commit",
						new SQLException("The connection was lost; the transaction was not committed", "08003"));
			}
			connection.clearWarnings();
		}
		catch (SQLException ex) {
			// A connection that cannot even clear its warnings fails the commit below.
		}
		try {
			super.doCommit(status);
		}
		catch (RuntimeException ex) {
			for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
				if (t instanceof SQLException sql && DatabaseFailure.connectionLost(sql.getSQLState())) {
					log.warn("The connection was lost during a commit (SQLState {}): its outcome is unknown",
							sql.getSQLState());
					throw new OutcomeUnknownException("The connection to the database was lost during the commit", ex);
				}
			}
			throw ex;
		}
		SQLWarning warning;
		try {
			warning = connection.getWarnings();
		}
		catch (SQLException ex) {
			throw new OutcomeUnknownException("The commit's warnings could not be read", ex);
		}
		if (warning != null) {
			log.warn(
					"A commit was answered with a warning (SQLState {}): its outcome is unknown; the database says: {}",
					warning.getSQLState(), warning.getMessage());
			throw new OutcomeUnknownException(
					"The commit was answered with a warning (SQLState " + warning.getSQLState() + ")", warning);
		}
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource());
		try {
			super.doRollback(status);
		}
		catch (RuntimeException ex) {
			if (holder != null && connectionGone(holder.getConnection(), ex)) {
				log.warn("A rollback found its connection gone: the transaction was not committed");
				throw new TransactionSystemException("The connection was lost before the transaction ended",
						new SQLException("The connection was lost; the transaction was not committed", "08003", ex));
			}
			throw ex;
		}
	}

	private static boolean connectionGone(Connection connection, RuntimeException failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SQLException sql && DatabaseFailure.connectionLost(sql.getSQLState())) {
				return true;
			}
		}
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

}
