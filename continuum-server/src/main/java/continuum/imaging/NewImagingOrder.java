package continuum.imaging;

import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * An order to place: the patient, the procedures (catalogue codes, each with the time
 * wished for, or none for the first free time), priority, the reason, and for orders from
 * another system its placer application and number (ORC-2) and the orderer as it named
 * them; from the chart these are null (our own application, a generated number, the
 * signed-in user).
 */
public record NewImagingOrder(PatientId patient, List<Wish> procedures, ImagingPriority priority,
		@Nullable String reason, @Nullable String placerApplication, @Nullable String placerNumber,
		@Nullable String orderer) {

	/** One procedure and when it should start (null: the first free time). */
	public record Wish(String code, @Nullable Instant start) {
	}

	public NewImagingOrder {
		if (procedures == null || procedures.isEmpty()) {
			throw new InvalidInputException("An imaging order names at least one procedure");
		}
		procedures = List.copyOf(procedures);
		if (reason != null && reason.length() > 1000) {
			throw new InvalidInputException("The reason has at most 1000 characters");
		}
		if (placerNumber != null && (placerNumber.isBlank() || placerNumber.length() > 22)) {
			throw new InvalidInputException("A placer order number has 1 to 22 characters");
		}
		if (placerApplication != null && (placerApplication.isBlank() || placerApplication.length() > 64)) {
			throw new InvalidInputException("A placer application has 1 to 64 characters");
		}
	}

	/** An order from the chart. */
	public static NewImagingOrder fromChart(PatientId patient, List<Wish> procedures, ImagingPriority priority,
			@Nullable String reason) {
		return new NewImagingOrder(patient, procedures, priority, reason, null, null, null);
	}

}
