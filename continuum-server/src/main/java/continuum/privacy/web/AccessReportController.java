package continuum.privacy.web;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import continuum.patients.PatientId;
import continuum.platform.NotFoundException;
import continuum.privacy.AccessReport;
import continuum.privacy.AccessReportService;
import continuum.privacy.PrivacyReviewService;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Who looked at my record": the privacy officer enters the patient's MRN and gets a
 * printable page of every access (and the same as CSV).
 */
@Controller
class AccessReportController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(PrivacyReviewController.HOSPITAL_ZONE);

	private final AccessReportService reports;

	private final PrivacyReviewService reviews;

	AccessReportController(AccessReportService reports, PrivacyReviewService reviews) {
		this.reports = reports;
		this.reviews = reviews;
	}

	@GetMapping("/privacy")
	String home(@RequestParam(required = false) @Nullable String mrn, Model model) {
		if (!reviews.mayReview()) {
			throw new org.springframework.security.access.AccessDeniedException("Privacy officers only");
		}
		if (mrn != null && !mrn.isBlank()) {
			PatientId patient = patient(mrn);
			model.addAttribute("report", reports.report(patient, mrn.strip()));
			model.addAttribute("zone", PrivacyReviewController.HOSPITAL_ZONE);
		}
		model.addAttribute("mrn", mrn);
		return "privacy/home";
	}

	@GetMapping("/privacy/access-report.csv")
	ResponseEntity<byte[]> csv(@RequestParam String mrn) {
		AccessReport report = reports.report(patient(mrn), mrn.strip());
		StringBuilder csv = new StringBuilder("time,user,role,action,record,outcome,purpose\r\n");
		for (AccessReport.Line line : report.lines()) {
			csv.append(TIME.format(line.at()))
				.append(',')
				.append(cell(line.username()))
				.append(',')
				.append(cell(line.role()))
				.append(',')
				.append(line.action())
				.append(',')
				.append(cell(line.resourceType() + (line.resourceId() == null ? "" : "/" + line.resourceId())))
				.append(',')
				.append(line.outcome())
				.append(',')
				.append(cell(line.purpose()))
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"access-report-" + report.patient().asString() + ".csv\"")
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	private PatientId patient(String mrn) {
		return reports.patientOfMrn(mrn).orElseThrow(() -> new NotFoundException("No patient with this MRN"));
	}

	/** Quoted, and a leading formula character defused with an apostrophe. */
	private static String cell(@Nullable String text) {
		String value = text == null ? "" : text;
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			value = "'" + value;
		}
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

}
