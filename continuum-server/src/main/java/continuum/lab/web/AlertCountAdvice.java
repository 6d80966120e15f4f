package continuum.lab.web;

import java.security.Principal;

import continuum.lab.CriticalAlertService;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.stereotype.Controller;
import org.thymeleaf.context.LazyContextVariable;

/**
 * The top bar's count of open critical-value alerts ({@code labAlertCount}), for the
 * roles that receive them. It is a number and no patient data, counted in one query, and
 * only when a page's layout is rendered (a lazy variable: JSON answers and redirects
 * never count); never on error pages, for htmx requests or for anyone not signed in. A
 * database that cannot count leaves the count out rather than failing the page.
 */
@ControllerAdvice(annotations = Controller.class)
class AlertCountAdvice {

	private static final Logger log = LoggerFactory.getLogger(AlertCountAdvice.class);

	private final CriticalAlertService alerts;

	AlertCountAdvice(CriticalAlertService alerts) {
		this.alerts = alerts;
	}

	@ModelAttribute("labAlertCount")
	@Nullable Object labAlertCount(@Nullable Principal principal, HttpServletRequest request) {
		if (principal == null || request.getDispatcherType() != DispatcherType.REQUEST
				|| request.getHeader("HX-Request") != null || !alerts.receivesAlerts()) {
			return null;
		}
		return new LazyContextVariable<@Nullable Integer>() {
			@Override
			protected @Nullable Integer loadValue() {
				try {
					return alerts.openCount();
				}
				catch (DataAccessException | TransactionException ex) {
					log.warn("The top bar's count of critical-value alerts was left out: {}",
							ex.getClass().getSimpleName());
					return null;
				}
			}
		};
	}

}
