package continuum.continuity.node;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one 400 of the downtime API that Spring cannot say by itself: a parameter read but
 * out of the protocol's range, answered as a problem document that names it. Everything
 * else goes to the web module's advice, which this one precedes.
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

}
