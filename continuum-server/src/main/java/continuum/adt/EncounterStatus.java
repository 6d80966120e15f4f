package continuum.adt;

import java.util.Optional;

/**
 * The states of an encounter this system uses, as codes of FHIR R4
 * {@code encounter-status}.
 */
public enum EncounterStatus {

	PLANNED("planned"), IN_PROGRESS("in-progress"), FINISHED("finished"), CANCELLED("cancelled");

	private final String code;

	EncounterStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<EncounterStatus> ofCode(String code) {
		for (EncounterStatus s : values()) {
			if (s.code.equals(code)) {
				return Optional.of(s);
			}
		}
		return Optional.empty();
	}

}
