package continuum.hl7;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One link as the interface monitor shows it. Inbound (a listener): where it listens, who
 * is connected, the last message, the messages stored but not processed, the quarantined
 * ones and those rejected in the last 24 hours. Outbound (a configured peer): the peer,
 * the last message sent, the queue depth, the messages failing and the last error.
 */
public record LinkStatus(String name, Direction direction, String endpoint, boolean up, List<Peer> peers,
		@Nullable Instant lastMessage, long queueDepth, long quarantined, long errors, @Nullable String lastError) {

	public enum Direction {

		INBOUND, OUTBOUND

	}

	/** A connected peer: its address, since when, and the frames it sent. */
	public record Peer(String address, Instant since, long frames) {
	}

}
