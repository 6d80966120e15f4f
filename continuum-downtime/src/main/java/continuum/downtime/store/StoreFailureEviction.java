package continuum.downtime.store;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.h2.api.ErrorCode;
import org.h2.mvstore.MVStoreException;

/**
 * Drops a pooled connection whose store has failed. When H2 cannot write its file (a full
 * disk, a read-only file system) it closes the database, and every connection to it
 * answers "the database has been closed" from then on while still passing the pool's
 * validity check; dropped, the next connection opens the store again from its last
 * commit, so reads go on and writes succeed again once there is room.
 */
class StoreFailureEviction implements SQLExceptionOverride {

	@java.lang.Override
	public Override adjudicate(SQLException failure) {
		return storeFailed(failure) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
	}

	static boolean storeFailed(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MVStoreException
					|| cause instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED) {
				return true;
			}
		}
		return false;
	}

}
