package continuum.lab.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import continuum.lab.LabCatalogue;
import continuum.lab.LabResult;
import continuum.lab.LabTest;
import continuum.lab.ResultService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /patients/{id}/lab/series?test=CODE}: one numeric test's released results over
 * time as JSON, for the cumulative view's plot ({@code static/js/lab-chart.js}): times
 * (epoch seconds), values, and the reference range that applied to each (null where the
 * range has no such limit). Being JSON, its errors are RFC 9457 problems, not pages.
 */
@RestController
class LabSeriesController {

	private final ResultService results;

	private final LabCatalogue catalogue;

	private final PatientService patients;

	LabSeriesController(ResultService results, LabCatalogue catalogue, PatientService patients) {
		this.results = results;
		this.catalogue = catalogue;
		this.patients = patients;
	}

	/** The series; arrays of equal length, oldest first. */
	record Series(String test, String name, @Nullable String unit, List<Long> times, List<BigDecimal> values,
			List<@Nullable BigDecimal> low, List<@Nullable BigDecimal> high) {
	}

	@GetMapping(path = "/patients/{id:\\d+}/lab/series", produces = "application/json")
	Series series(@PathVariable String id, @RequestParam String test) {
		PatientId patient = LabChartController.existing(id, patients);
		LabTest labTest = catalogue.test(test)
			.orElseThrow(() -> new NotFoundException("No test " + test + " in the laboratory's catalogue"));
		if (!labTest.numeric()) {
			throw new InvalidInputException("Test " + test + " has text results; only numeric ones are plotted");
		}
		List<Long> times = new ArrayList<>();
		List<BigDecimal> values = new ArrayList<>();
		List<@Nullable BigDecimal> low = new ArrayList<>();
		List<@Nullable BigDecimal> high = new ArrayList<>();
		for (LabResult result : results.released(patient, test, null, LabChartController.MAX_RESULTS)) {
			BigDecimal value = result.value().number();
			if (value == null) {
				continue;
			}
			times.add(result.observedAt().getEpochSecond());
			values.add(value);
			low.add(result.range().low());
			high.add(result.range().high());
		}
		return new Series(labTest.code(), labTest.shortName(), labTest.unit(), times, values, low, high);
	}

	@ExceptionHandler({ NotFoundException.class, InvalidInputException.class, AccessDeniedException.class,
			MissingServletRequestParameterException.class })
	ResponseEntity<ProblemDetail> refused(Exception ex) {
		HttpStatus status = ex instanceof NotFoundException ? HttpStatus.NOT_FOUND
				: ex instanceof InvalidInputException ? HttpStatus.UNPROCESSABLE_CONTENT
						: ex instanceof AccessDeniedException ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
		String detail = ex instanceof MissingServletRequestParameterException ? "Name the test to plot: ?test=CODE"
				: ex.getMessage();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status == HttpStatus.FORBIDDEN ? "Not allowed" : status.getReasonPhrase());
		return ResponseEntity.status(status).body(problem);
	}

}
