package org.continuum.dicom.net.service;

import org.jspecify.annotations.Nullable;

/**
 * Performed Procedure Step Status (0040,0252) of a Modality Performed Procedure Step
 * (PS3.3 §C.4.14, PS3.4 §F.7.2): created IN PROGRESS, ended once as COMPLETED or
 * DISCONTINUED.
 */
public enum PerformedProcedureStepStatus {

	IN_PROGRESS("IN PROGRESS"), DISCONTINUED("DISCONTINUED"), COMPLETED("COMPLETED");

	private final String value;

	PerformedProcedureStepStatus(String value) {
		this.value = value;
	}

	/** The defined term as sent on the wire. */
	public String value() {
		return value;
	}

	/** COMPLETED and DISCONTINUED are final: the step may no longer be updated. */
	public boolean isFinal() {
		return this != IN_PROGRESS;
	}

	/** The status for a defined term, or {@code null} for any other value. */
	public static @Nullable PerformedProcedureStepStatus of(@Nullable String value) {
		for (PerformedProcedureStepStatus s : values()) {
			if (s.value.equals(value)) {
				return s;
			}
		}
		return null;
	}

}
