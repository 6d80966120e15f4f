package continuum.hl7;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An inbound message as the monitor lists it (no content). */
public record MessageSummary(long id, String link, @Nullable String peer, String sender, @Nullable String controlId,
		@Nullable String type, Instant receivedAt, MessageState state, @Nullable String ackCode,
		@Nullable Integer errorCode, @Nullable String errorText, @Nullable String patientId,
		@Nullable String patientIdentifier, int attempts) {

	static MessageSummary of(StoredMessage m) {
		String sender = m.sendingApplication() + (m.sendingFacility().isEmpty() ? "" : " / " + m.sendingFacility());
		return new MessageSummary(m.id(), m.link(), m.peer(), sender, m.controlId(), m.type(), m.receivedAt(),
				m.state(), m.ackCode(), m.errorCode(), m.errorText(), m.patientId(), m.patientIdentifier(),
				m.attempts());
	}

}
