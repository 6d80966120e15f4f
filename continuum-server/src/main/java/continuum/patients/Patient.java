package continuum.patients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A patient as stored: id, FHIR version, MRN, the registered data, for a merged duplicate
 * the survivor it was merged into, and for a survivor the duplicates merged into it by
 * this version ({@code replaces}, lowest id first). {@link #identifiers()} includes the
 * MRN.
 */
public record Patient(PatientId id, int version, String mrn, PatientData data, @Nullable PatientId mergedInto,
		Instant lastUpdated, List<PatientId> replaces) {

	public Patient {
		replaces = List.copyOf(replaces);
	}

	public String family() {
		return data.family();
	}

	public List<String> given() {
		return data.given();
	}

	public @Nullable LocalDate birthDate() {
		return data.birthDate();
	}

	public Gender gender() {
		return data.gender();
	}

	public boolean deceased() {
		return data.deceased();
	}

	/** The MRN first, then the other identifiers. */
	public List<Identifier> identifiers() {
		return data.identifiers();
	}

	public Optional<Identifier> identifier(String system) {
		return data.identifiers().stream().filter(i -> i.system().equals(system)).findFirst();
	}

	public boolean isMerged() {
		return mergedInto != null;
	}

	/** "FAMILY, Given Names" as on a wristband. */
	public String displayName() {
		return data.family() + (data.given().isEmpty() ? "" : ", " + String.join(" ", data.given()));
	}

	public PatientSummary summary() {
		return new PatientSummary(id, mrn, data.family(), String.join(" ", data.given()), data.birthDate(),
				data.gender());
	}

}
