package continuum.imaging.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingStudyRecord;
import continuum.imaging.ImagingStudyService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The chart's imaging results section ({@code /patients/{id}/imaging/reports}, loaded
 * into the chart by htmx): the patient's studies in the PACS and reported procedures,
 * newest first, each with its report's status and text (preliminary ones marked as such,
 * drafts never outside radiology) and a link to the viewer.
 */
@Controller
class ReportChartController {

	private final ImagingReportService reports;

	private final ImagingStudyService studies;

	private final PatientService patients;

	private final AccessControl access;

	ReportChartController(ImagingReportService reports, ImagingStudyService studies, PatientService patients,
			AccessControl access) {
		this.reports = reports;
		this.studies = studies;
		this.patients = patients;
		this.access = access;
	}

	/** A line of the section: a study (if the PACS holds one) and its report (if any). */
	record Line(String procedureName, String accession, String studyUid,
			@org.jspecify.annotations.Nullable ImagingStudyRecord study,
			@org.jspecify.annotations.Nullable ImagingReport report) {
	}

	@GetMapping("/patients/{id:\\d+}/imaging/reports")
	String section(@PathVariable String id, Model model) {
		PatientId patient = PatientId.of(id);
		if (!patients.exists(patient)) {
			throw new NotFoundException("No patient " + id);
		}
		List<ImagingReport> reported = reports.ofPatient(patient);
		List<ImagingStudyRecord> held = access.allows("ImagingStudy", Interaction.SEARCH) ? studies.ofPatient(patient)
				: List.of();
		Map<String, ImagingReport> byStudy = new HashMap<>();
		reported.forEach(r -> byStudy.put(r.procedure().studyInstanceUid(), r));
		List<Line> lines = new java.util.ArrayList<>();
		for (ImagingStudyRecord study : held) {
			ImagingReport report = study.procedure() == null ? null
					: byStudy.remove(study.procedure().studyInstanceUid());
			String name = study.procedure() != null ? study.procedure().procedureName()
					: study.description() == null ? String.join("/", study.modalities()) : study.description();
			lines.add(new Line(name, study.accessionNumber() == null ? "" : study.accessionNumber(),
					study.studyInstanceUid(), study, report));
		}
		for (ImagingReport report : reported) {
			if (byStudy.containsKey(report.procedure().studyInstanceUid())) {
				lines.add(new Line(report.procedure().procedureName(), report.procedure().accessionNumber(),
						report.procedure().studyInstanceUid(), null, report));
			}
		}
		model.addAttribute("patientId", patient.asString());
		model.addAttribute("lines", lines);
		model.addAttribute("zone", ReadingController.ZONE);
		return "imaging/reportChart :: section";
	}

}
