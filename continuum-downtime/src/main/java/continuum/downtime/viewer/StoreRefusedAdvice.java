package continuum.downtime.viewer;

import java.time.Clock;

import continuum.downtime.sync.SyncStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page whose store read or audit entry fails (a full disk, a store that refuses writes;
 * a refused commit is a {@link TransactionException}): 503 and a page that says why.
 * Every read must be audited before it is answered, so without a store that takes the
 * entry no patient data is shown.
 */
@ControllerAdvice
class StoreRefusedAdvice {

	private final SyncStatus status;

	private final Clock clock;

	StoreRefusedAdvice(SyncStatus status, Clock clock) {
		this.status = status;
		this.clock = clock;
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	String storeRefused(HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		model.addAttribute("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		model.addAttribute("freshness", Freshness.of(status, clock));
		return "error";
	}

}
