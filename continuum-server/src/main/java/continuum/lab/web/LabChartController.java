package continuum.lab.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.lab.CriticalAlert;
import continuum.lab.CriticalAlertService;
import continuum.lab.LabCatalogue;
import continuum.lab.LabResult;
import continuum.lab.LabTest;
import continuum.lab.ResultId;
import continuum.lab.ResultNotFoundException;
import continuum.lab.ResultService;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.patients.PatientSummary;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The laboratory in the chart: the section of the chart page (the newest released result
 * of each test and the patient's open critical-value alerts, loaded into the chart by
 * htmx), the cumulative view (tests × times, with a plot of one test over time) and a
 * result's history. Only released results, read through {@link ResultService}, which
 * checks the role and audits every read.
 */
@Controller
class LabChartController {

	/** The most results the cumulative view reads (years of a chronic patient's). */
	static final int MAX_RESULTS = 10_000;

	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private final ResultService results;

	private final CriticalAlertService alerts;

	private final PatientService patients;

	private final LabCatalogue catalogue;

	LabChartController(ResultService results, CriticalAlertService alerts, PatientService patients,
			LabCatalogue catalogue) {
		this.results = results;
		this.alerts = alerts;
		this.patients = patients;
		this.catalogue = catalogue;
	}

	/**
	 * An open alert of the patient with its result (null while it is being corrected).
	 */
	record AlertLine(CriticalAlert alert, @Nullable LabResult result) {
	}

	@GetMapping("/patients/{id:\\d+}/lab/summary")
	String summary(@PathVariable String id, Model model) {
		PatientId patient = existing(id, patients);
		List<LabResult> released = results.released(patient, null, null, MAX_RESULTS);
		Map<String, LabResult> newest = new LinkedHashMap<>();
		for (LabResult result : released) {
			newest.put(result.test().code(), result);
		}
		List<LabResult> latest = new ArrayList<>();
		for (LabTest test : catalogue.tests()) {
			LabResult result = newest.get(test.code());
			if (result != null) {
				latest.add(result);
			}
		}
		List<AlertLine> open = new ArrayList<>();
		for (CriticalAlert alert : alerts.ofPatient(patient)) {
			if (alert.open()) {
				open.add(new AlertLine(alert,
						released.stream().filter(r -> r.id().equals(alert.result())).findFirst().orElse(null)));
			}
		}
		model.addAttribute("patientId", patient.asString());
		model.addAttribute("latest", latest);
		model.addAttribute("openAlerts", open);
		model.addAttribute("receivesAlerts", alerts.receivesAlerts());
		model.addAttribute("zone", ZONE);
		return "lab/chartSummary :: summary";
	}

	@GetMapping("/patients/{id:\\d+}/lab")
	String cumulative(@PathVariable String id, @RequestParam(required = false) @Nullable String test, Model model) {
		PatientId requested = parse(id);
		PatientSummary patient = patients.summary(requested);
		if (!patient.id().equals(requested)) {
			return "redirect:/patients/" + patient.id().asString() + "/lab";
		}
		List<LabResult> released = results.released(requested, null, null, MAX_RESULTS);
		CumulativeTable table = CumulativeTable.of(released, catalogue);
		List<LabTest> plottable = table.groups()
			.stream()
			.flatMap(g -> g.rows().stream())
			.map(CumulativeTable.Row::test)
			.filter(LabTest::numeric)
			.toList();
		LabTest plotted = plottable.stream()
			.filter(t -> t.code().equals(test))
			.findFirst()
			.orElse(plottable.isEmpty() ? null : plottable.get(0));
		model.addAttribute("patient", patient);
		model.addAttribute("table", table);
		model.addAttribute("plottable", plottable);
		model.addAttribute("plotted", plotted);
		model.addAttribute("truncated", released.size() >= MAX_RESULTS);
		model.addAttribute("zone", ZONE);
		return "lab/chartCumulative";
	}

	@GetMapping("/patients/{id:\\d+}/lab/results/{result:\\d+}")
	String history(@PathVariable String id, @PathVariable String result, Model model) {
		PatientId patient = parse(id);
		ResultId resultId;
		try {
			resultId = ResultId.of(result);
		}
		catch (InvalidInputException ex) {
			throw new ResultNotFoundException("No laboratory result " + result);
		}
		List<ResultService.Version> versions = new ArrayList<>(results.history(resultId));
		if (versions.isEmpty() || !versions.get(0).result().patient().equals(patient)) {
			throw new ResultNotFoundException("No laboratory result " + result + " for patient " + id);
		}
		Collections.reverse(versions);
		model.addAttribute("patientId", patient.asString());
		model.addAttribute("current", versions.get(0).result());
		model.addAttribute("versions", versions);
		model.addAttribute("zone", ZONE);
		return "lab/chartHistory";
	}

	/** Only the canonical form names a patient ({@code /patients/007/lab} is no page). */
	static PatientId parse(String id) {
		try {
			return PatientId.of(id);
		}
		catch (InvalidInputException ex) {
			throw new NotFoundException("No patient with id " + id);
		}
	}

	/** A patient that exists (ids only, not audited); else 404. */
	static PatientId existing(String id, PatientService patients) {
		PatientId patient = parse(id);
		if (!patients.exists(patient)) {
			throw new NotFoundException("No patient with id " + id);
		}
		return patient;
	}

}
