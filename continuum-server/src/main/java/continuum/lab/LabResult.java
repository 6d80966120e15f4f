package continuum.lab;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One test's result (a FHIR Observation, an HL7 OBX): value and unit, the reference range
 * that applied, the abnormal flag (HL7 table 0078), method and analyzer, the result
 * status (OBX-11) and where it stands in the laboratory's verification and release.
 * Corrected says the value was changed after it had been released; the versions keep
 * every value.
 */
public record LabResult(ResultId id, LabItemId item, String accession, PatientId patient, LabTest test,
		ResultValue value, @Nullable String unit, ReferenceRange range, @Nullable AbnormalFlag flag, boolean critical,
		@Nullable String method, @Nullable String analyzer, ResultStatus status, ResultStage stage, Instant observedAt,
		String enteredBy, Instant enteredAt, @Nullable String verifiedBy, @Nullable Instant verifiedAt,
		@Nullable String releasedBy, @Nullable Instant releasedAt, boolean corrected, int version, Instant updatedAt) {

	public boolean released() {
		return stage == ResultStage.RELEASED;
	}

}
