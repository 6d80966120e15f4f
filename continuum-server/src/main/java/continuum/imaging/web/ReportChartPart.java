package continuum.imaging.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import continuum.imaging.ImagingReport;
import continuum.imaging.ImagingReportService;
import continuum.imaging.ImagingStudyRecord;
import continuum.imaging.ImagingStudyService;
import continuum.patients.PatientId;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the chart's imaging section shows beside the orders: each requested procedure's
 * report (preliminary marked as such, drafts never outside radiology) and the study the
 * PACS holds for it (the viewer's link), and the studies the PACS holds for the patient
 * with no order (reconciled by MRN alone). Only for roles that may read reports and
 * studies; read through their services, which audit.
 */
@Component
class ReportChartPart {

	private final ImagingReportService reports;

	private final ImagingStudyService studies;

	private final AccessControl access;

	ReportChartPart(ImagingReportService reports, ImagingStudyService studies, AccessControl access) {
		this.reports = reports;
		this.studies = studies;
		this.access = access;
	}

	/**
	 * Adds {@code reports} and {@code studies} (by requested procedure id) and
	 * {@code unorderedStudies} to the model.
	 */
	void addTo(PatientId patient, Model model) {
		Map<Long, ImagingReport> byProcedure = new HashMap<>();
		if (access.allows(ImagingReportService.DIAGNOSTIC_REPORT, Interaction.SEARCH)) {
			reports.ofPatient(patient).forEach(r -> byProcedure.put(r.procedure().id(), r));
		}
		Map<Long, ImagingStudyRecord> studied = new HashMap<>();
		List<ImagingStudyRecord> unordered = new ArrayList<>();
		if (access.allows("ImagingStudy", Interaction.SEARCH)) {
			for (ImagingStudyRecord study : studies.ofPatient(patient)) {
				if (study.procedure() == null) {
					unordered.add(study);
				}
				else {
					studied.putIfAbsent(study.procedure().id(), study);
				}
			}
		}
		model.addAttribute("reports", byProcedure);
		model.addAttribute("studies", studied);
		model.addAttribute("unorderedStudies", unordered);
	}

}
