package continuum.lab;

import java.time.Instant;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A released critical result that a clinician must acknowledge: addressed to the ordering
 * physician and, for an inpatient, the ward; escalated when nobody acknowledged it in
 * time.
 */
public record CriticalAlert(AlertId id, ResultId result, PatientId patient, String physician, @Nullable String wardCode,
		Instant raisedAt, Instant escalateAt, int escalationLevel, @Nullable Instant escalatedAt,
		@Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt, @Nullable String acknowledgement) {

	public boolean open() {
		return acknowledgedAt == null;
	}

}
