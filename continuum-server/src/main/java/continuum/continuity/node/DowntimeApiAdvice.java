package continuum.continuity.node;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The refusals of the downtime API that Spring cannot say by itself, as problem
 * documents: a parameter read but out of the protocol's range (400, naming it), a
 * shipment of more audit entries than allowed (413). Everything else goes to the web
 * module's advice, which this one precedes.
 */
@RestControllerAdvice(basePackageClasses = DowntimeApiAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DowntimeApiAdvice {

	@ExceptionHandler(BadParameterException.class)
	ResponseEntity<ProblemDetail> badParameter(BadParameterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Bad request");
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(ShipmentTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(ShipmentTooLargeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Content too large");
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

}
