package continuum.patients.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import continuum.patients.Allergy;
import continuum.patients.Medication;
import continuum.patients.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The forms of the chart's clinical entries as typed, and the choices they offer (FHIR R4
 * codes with the words staff use).
 */
final class ClinicalForms {

	static final List<Map.Entry<String, String>> ALLERGY_CATEGORIES = List.of(Map.entry("medication", "Medication"),
			Map.entry("food", "Food"), Map.entry("environment", "Environment (latex, pollen, animals...)"),
			Map.entry("biologic", "Biologic (blood products, vaccines...)"));

	static final List<Map.Entry<String, String>> CRITICALITIES = List.of(
			Map.entry("high", "High: may be life-threatening"), Map.entry("low", "Low"),
			Map.entry("unable-to-assess", "Unable to assess"));

	static final List<Map.Entry<String, String>> ALLERGY_CLINICAL = List.of(Map.entry("active", "Active"),
			Map.entry("inactive", "Inactive"), Map.entry("resolved", "Resolved"));

	static final List<Map.Entry<String, String>> ALLERGY_VERIFICATION = List.of(Map.entry("confirmed", "Confirmed"),
			Map.entry("unconfirmed", "Unconfirmed (reported, not verified)"), Map.entry("refuted", "Refuted"),
			Map.entry("entered-in-error", "Entered in error"));

	static final List<Map.Entry<String, String>> SEVERITIES = List.of(Map.entry("mild", "Mild"),
			Map.entry("moderate", "Moderate"), Map.entry("severe", "Severe"));

	static final List<Map.Entry<String, String>> MEDICATION_STATUSES = List.of(Map.entry("active", "Active: taking it"),
			Map.entry("intended", "Intended: will take it"), Map.entry("on-hold", "On hold"),
			Map.entry("stopped", "Stopped"), Map.entry("completed", "Completed"), Map.entry("not-taken", "Not taken"),
			Map.entry("unknown", "Unknown"), Map.entry("entered-in-error", "Entered in error"));

	static final List<Map.Entry<String, String>> PROBLEM_CLINICAL = List.of(Map.entry("active", "Active"),
			Map.entry("recurrence", "Recurrence"), Map.entry("relapse", "Relapse"), Map.entry("inactive", "Inactive"),
			Map.entry("remission", "Remission"), Map.entry("resolved", "Resolved"));

	static final List<Map.Entry<String, String>> PROBLEM_VERIFICATION = List.of(Map.entry("confirmed", "Confirmed"),
			Map.entry("provisional", "Provisional"), Map.entry("differential", "Differential"),
			Map.entry("unconfirmed", "Unconfirmed"), Map.entry("refuted", "Refuted"),
			Map.entry("entered-in-error", "Entered in error"));

	private static final DateTimeFormatter BELGIAN_DATE = DateTimeFormatter.ofPattern("d/M/uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	private ClinicalForms() {
	}

	/**
	 * A form of an entry: the version it was made from travels with it (empty when new).
	 */
	interface EntryForm {

		@Nullable String version();

	}

	/** An allergy as typed; reactions separated by commas. */
	record AllergyForm(@Nullable String substance, @Nullable String category, @Nullable String criticality,
			@Nullable String clinicalStatus, @Nullable String verificationStatus, @Nullable String reactions,
			@Nullable String reactionSeverity, @Nullable String version) implements EntryForm {

		static AllergyForm empty() {
			return new AllergyForm("", "", "", "active", "confirmed", "", "", null);
		}

		static AllergyForm of(Allergy allergy) {
			return new AllergyForm(allergy.substance().text(), allergy.category(), allergy.criticality(),
					allergy.clinicalStatus(), allergy.verificationStatus(), String.join(", ", allergy.reactions()),
					allergy.reactionSeverity(), Integer.toString(allergy.version()));
		}

		List<String> reactionList() {
			return blank(reactions) ? List.of() : Arrays.stream(reactions.split(",")).map(String::strip).toList();
		}

	}

	/** A medication statement as typed. */
	record MedicationForm(@Nullable String drug, @Nullable String dose, @Nullable String route,
			@Nullable String frequency, @Nullable String status, @Nullable String periodStart,
			@Nullable String periodEnd, @Nullable String version) implements EntryForm {

		static MedicationForm empty() {
			return new MedicationForm("", "", "", "", "active", "", "", null);
		}

		static MedicationForm of(Medication medication) {
			return new MedicationForm(medication.drug().text(), medication.dose(), medication.route(),
					medication.frequency(), medication.status(), format(medication.periodStart()),
					format(medication.periodEnd()), Integer.toString(medication.version()));
		}

	}

	/** A problem as typed. */
	record ProblemForm(@Nullable String problem, @Nullable String clinicalStatus, @Nullable String verificationStatus,
			@Nullable String onset, @Nullable String version) implements EntryForm {

		static ProblemForm empty() {
			return new ProblemForm("", "active", "confirmed", "", null);
		}

		static ProblemForm of(Problem problem) {
			return new ProblemForm(problem.code().text(), problem.clinicalStatus(), problem.verificationStatus(),
					format(problem.onset()), Integer.toString(problem.version()));
		}

	}

	/**
	 * The version a form of this package (an entry, a registration) was made from, as it
	 * sent it back; {@code what} names the thing in the error.
	 */
	static int version(@Nullable String version, String what) {
		try {
			return Integer.parseInt(version == null ? "" : version.strip());
		}
		catch (NumberFormatException ex) {
			throw new continuum.platform.InvalidInputException(
					"The form does not say which version of the " + what + " it changes");
		}
	}

	static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	static @Nullable String optional(@Nullable String value) {
		return blank(value) ? null : value.strip();
	}

	static String format(@Nullable LocalDate date) {
		return date == null ? "" : date.toString();
	}

	/**
	 * A date typed as 2026-11-26 (what a date field sends) or 26/11/2026; null if empty;
	 * throws {@link DateTimeParseException} otherwise.
	 */
	static @Nullable LocalDate date(@Nullable String text) {
		if (blank(text)) {
			return null;
		}
		String value = text.strip();
		return value.contains("/") ? LocalDate.parse(value, BELGIAN_DATE) : LocalDate.parse(value);
	}

}
