package continuum.hl7;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Who is connected to each inbound link of this node now, since when, and how many frames
 * each connection brought: what the interface monitor shows besides the stored messages.
 */
@Component
class LinkActivity {

	private final Clock clock;

	private final Map<Long, Connection> connections = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	LinkActivity(Clock clock) {
		this.clock = clock;
	}

	/** A connection open now on a link. */
	record Peer(String link, String address, Instant since, long frames) {
	}

	long connected(String link, String address) {
		long id = ids.incrementAndGet();
		connections.put(id, new Connection(link, address, clock.instant()));
		return id;
	}

	void frame(long connection) {
		Connection open = connections.get(connection);
		if (open != null) {
			open.frames.incrementAndGet();
		}
	}

	void disconnected(long connection) {
		connections.remove(connection);
	}

	List<Peer> peers() {
		return connections.values()
			.stream()
			.map(c -> new Peer(c.link, c.address, c.since, c.frames.get()))
			.sorted(Comparator.comparing(Peer::link).thenComparing(Peer::since))
			.toList();
	}

	private static final class Connection {

		final String link;

		final String address;

		final Instant since;

		final AtomicLong frames = new AtomicLong();

		Connection(String link, String address, Instant since) {
			this.link = link;
			this.address = address;
			this.since = since;
		}

	}

}
