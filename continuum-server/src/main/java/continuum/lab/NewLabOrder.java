package continuum.lab;

import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A clinician's request: orderable codes (panels or single tests), how urgent, and a
 * clinical note for the laboratory. The ordering physician is the signed-in user.
 */
public record NewLabOrder(PatientId patient, List<String> orderables, Priority priority,
		@Nullable String clinicalNote) {

	public NewLabOrder {
		orderables = List.copyOf(orderables);
	}

}
