package continuum.hl7;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An inbound message with its content: the raw message with one segment per line, the
 * response it got, and where its error was.
 */
public record MessageView(MessageSummary summary, String raw, @Nullable String response, @Nullable String errorLocation,
		@Nullable Instant processedAt) {

	/** Whether it may be processed again (quarantined). */
	public boolean reprocessable() {
		return summary.state() == MessageState.QUARANTINED;
	}

}
