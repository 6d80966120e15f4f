package continuum.patients.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import continuum.patients.ClinicalEntry;
import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What the forms of the chart's clinical entries share: the choices they offer (FHIR R4
 * codes with the words staff use) and how their fields are read.
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
	 * A form of an entry as typed: the version it was made from travels with it (empty
	 * when new), and it makes the entry it describes.
	 */
	interface EntryForm<T extends ClinicalEntry> {

		@Nullable String version();

		/**
		 * The entry of {@code patient} this form describes ({@code current} when it
		 * changes one), or null with the reason for each wrong field in {@code errors}.
		 */
		@Nullable T entry(PatientId patient, @Nullable T current, LocalDate today, Map<String, String> errors);

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
			throw new InvalidInputException("The form does not say which version of the " + what + " it changes");
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

	static void requireStatus(@Nullable String clinicalStatus, @Nullable String verificationStatus,
			Map<String, String> errors) {
		if (blank(clinicalStatus) || blank(verificationStatus)) {
			errors.put("status", "Choose the clinical status and how sure it is.");
		}
	}

	/**
	 * A date field as typed, or null: empty, or not a date (with the reason in
	 * {@code errors} under {@code field}).
	 */
	static @Nullable LocalDate date(@Nullable String text, String field, String what, Map<String, String> errors) {
		try {
			return date(text);
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter the " + what + " date as DD/MM/YYYY, e.g. 26/11/2026.");
			return null;
		}
	}

	/** The entry, or null with the domain's reason when a value is not one it accepts. */
	static <T> @Nullable T valid(Supplier<T> entry, Map<String, String> errors) {
		try {
			return entry.get();
		}
		catch (InvalidInputException ex) {
			errors.put("form", ex.getMessage());
			return null;
		}
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
