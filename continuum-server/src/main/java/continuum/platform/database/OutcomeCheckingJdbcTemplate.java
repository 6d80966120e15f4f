package continuum.platform.database;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import continuum.platform.DatabaseFailure;
import continuum.platform.OutcomeUnknownException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The template behind every {@code JdbcClient}: a statement run outside a transaction
 * commits on its own (a registration in one statement, an audited read), so its commit is
 * checked as {@link OutcomeCheckingTransactionManager} checks an explicit one. Such a
 * statement answered with the synchronous replication warning, or a writing one cut off
 * by a lost connection, throws {@link OutcomeUnknownException}; inside a transaction
 * nothing has committed yet, and a plain read has nothing to commit: their failures are
 * translated as usual.
 */
class OutcomeCheckingJdbcTemplate extends JdbcTemplate {

	private static final Logger log = LoggerFactory.getLogger(OutcomeCheckingJdbcTemplate.class);

	/** A statement that may change rows (an audited read writes its audit row). */
	private static final Pattern WRITES = Pattern.compile("(?i)\\b(insert|update|delete|merge)\\b");

	OutcomeCheckingJdbcTemplate(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void handleWarnings(Statement statement) throws SQLException {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
				if (String.valueOf(warning.getMessage()).contains("synchronous replication")) {
					log.warn("A statement's commit was answered with a warning (SQLState {}): its outcome is unknown",
							warning.getSQLState());
					throw new OutcomeUnknownException("The statement's commit was answered with a warning (SQLState "
							+ warning.getSQLState() + ")", warning);
				}
			}
		}
		super.handleWarnings(statement);
	}

	@Override
	protected DataAccessException translateException(String task, @Nullable String sql, SQLException ex) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				&& DatabaseFailure.connectionLost(ex.getSQLState()) && sql != null && WRITES.matcher(sql).find()) {
			throw new OutcomeUnknownException("The connection to the database was lost during a statement that "
					+ "commits on its own (SQLState " + ex.getSQLState() + ")", ex);
		}
		return super.translateException(task, sql, ex);
	}

}
