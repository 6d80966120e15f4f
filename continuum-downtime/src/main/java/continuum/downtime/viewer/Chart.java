package continuum.downtime.viewer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** What the viewer and the printed reports show: read models over the store. */
public final class Chart {

	private Chart() {
	}

	public record Ward(String id, @Nullable String code, @Nullable String name, long beds, long occupied) {
	}

	public record Banner(String id, String name, @Nullable String mrn, @Nullable LocalDate birthDate,
			@Nullable String gender, boolean deceased, @Nullable String mergedInto, @Nullable String location,
			@Nullable String restricted) {

		/** "PEETERS, Jan", as the main chart writes names. */
		static String name(@Nullable String family, @Nullable String given) {
			String upper = family == null ? "" : family.toUpperCase(Locale.ROOT);
			return given == null || given.isBlank() ? upper : upper + ", " + given;
		}
	}

	public record Allergy(String substance, @Nullable String criticality, @Nullable String reactions,
			@Nullable String verificationStatus) {

		public boolean highRisk() {
			return criticality != null && criticality.equalsIgnoreCase("high");
		}
	}

	/**
	 * A patient's allergies as the main chart keeps them apart: entries, "no known
	 * allergies" recorded, or never asked (no entry at all).
	 */
	public record Allergies(List<Allergy> current, boolean noneKnown, boolean notAsked) {
	}

	public record CensusLine(@Nullable String roomCode, @Nullable String bedCode, Banner patient,
			@Nullable OffsetDateTime admitted, @Nullable Allergies allergies) {
	}

	public record Medication(@Nullable String drug, @Nullable String dose, @Nullable String route,
			@Nullable String frequency, @Nullable String status) {
	}

	public record Problem(@Nullable String text, @Nullable String clinicalStatus, @Nullable String onsetDate) {
	}

	public record Appointment(@Nullable OffsetDateTime start, @Nullable OffsetDateTime end,
			@Nullable String scheduleName, @Nullable String appointmentType, @Nullable String description,
			@Nullable String status) {
	}

	/**
	 * A test's newest released laboratory result: flagged when outside its reference
	 * range (HL7 table 0078: L, H, LL, HH, A), corrected when changed after release.
	 */
	public record LabValue(@Nullable String name, @Nullable String value, @Nullable String unit,
			@Nullable String referenceRange, @Nullable String flag, @Nullable String status,
			@Nullable OffsetDateTime effective) {

		public boolean abnormal() {
			return flag != null && !flag.isBlank() && !flag.equals("N");
		}

		public boolean corrected() {
			return "corrected".equals(status);
		}
	}

	/** A signed radiology report with its text. */
	public record ImagingReport(@Nullable String name, @Nullable String modality, @Nullable String accession,
			@Nullable String status, @Nullable String findings, @Nullable String impression,
			@Nullable String verifiedBy, @Nullable OffsetDateTime issued) {

		public boolean amended() {
			return "amended".equals(status);
		}
	}

	/** A patient's one-page summary; sections the reader's role may not see are null. */
	public record Summary(Banner banner, @Nullable Allergies allergies, @Nullable List<Medication> medications,
			@Nullable List<Problem> problems, List<Appointment> appointments, @Nullable List<LabValue> results,
			@Nullable List<ImagingReport> reports) {
	}

}
