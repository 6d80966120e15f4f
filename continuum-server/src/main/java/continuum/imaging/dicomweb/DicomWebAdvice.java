package continuum.imaging.dicomweb;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The refusals particular to DICOMweb, as problem documents (RFC 9457) with the status
 * PS3.18 names. Not found, not allowed and database failures go to the web module's
 * advice, which answers {@code /dicomweb} with problem documents too.
 */
@RestControllerAdvice(basePackageClasses = DicomWebAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DicomWebAdvice {

	@ExceptionHandler(DicomWebException.class)
	ResponseEntity<ProblemDetail> refused(DicomWebException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setTitle(ex.status().getReasonPhrase());
		return ResponseEntity.status(ex.status()).body(problem);
	}

}
