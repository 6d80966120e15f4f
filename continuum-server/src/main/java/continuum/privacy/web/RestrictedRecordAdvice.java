package continuum.privacy.web;

import continuum.security.RestrictedRecordException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A restricted record refused to the web user sends them to the break-the-glass page of
 * that patient; under {@code /api} the answer is 403 problem JSON that says how to break
 * the glass. Ahead of the web module's error advice, which would answer a plain 403.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RestrictedRecordAdvice {

	@ExceptionHandler(RestrictedRecordException.class)
	Object restricted(RestrictedRecordException ex, HttpServletRequest request) {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
			problem.setTitle("Restricted record: break-the-glass needed");
			problem.setProperty("patient", ex.patientId());
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
		}
		return "redirect:/patients/" + ex.patientId() + "/break-the-glass";
	}

}
