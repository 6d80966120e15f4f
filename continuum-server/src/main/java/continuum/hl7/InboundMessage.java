package continuum.hl7;

import java.time.Instant;

import ca.uhn.hl7v2.model.Message;
import org.jspecify.annotations.Nullable;

/**
 * A stored inbound message as a handler gets it: its row id, the link it came in on
 * (listener name), MSH-10, MSH-9 as "ORU^R01", the parsed message, the raw text and when
 * it was received. {@code patient} is where the handler reports the patient the message
 * is about ({@link #reportPatient}), kept with the message for the monitor's search and
 * the audit.
 */
public record InboundMessage(long id, String link, String controlId, String type, Message parsed, String raw,
		Instant receivedAt, ReportedPatient patient) {

	public InboundMessage(long id, String link, String controlId, String type, Message parsed, String raw,
			Instant receivedAt) {
		this(id, link, controlId, type, parsed, raw, receivedAt, new ReportedPatient());
	}

	/**
	 * Reports the patient the message is about, as {@code PatientId#asString()}: stored
	 * with the message, whether it is processed or quarantined.
	 */
	public void reportPatient(String patientId) {
		patient.set(patientId);
	}

	/** The patient reported by the handler, if any. */
	public @Nullable String reportedPatient() {
		return patient.get();
	}

	/** The handler's report of the patient: set at most once per processing. */
	public static final class ReportedPatient {

		private volatile @Nullable String patientId;

		void set(String patientId) {
			this.patientId = patientId;
		}

		@Nullable String get() {
			return patientId;
		}

	}

}
