package continuum.downtime.status;

import java.util.Map;

import continuum.downtime.DowntimeSettings;
import continuum.downtime.store.NodeIdentity;
import continuum.downtime.sync.ServerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the server this node exists and where to probe it ({@code POST
 * /api/downtime/nodes}), at start and then every few minutes. A failure changes nothing
 * but the pace: until a registration succeeds (at start the server may be busy serving
 * this node's initial load), it is tried again every few seconds rather than minutes.
 */
@Component
class Registration {

	private static final Logger log = LoggerFactory.getLogger(Registration.class);

	private final ServerClient server;

	private final NodeIdentity node;

	private final DowntimeSettings settings;

	/** Whether the last attempt succeeded. */
	private volatile boolean registered;

	Registration(ServerClient server, NodeIdentity node, DowntimeSettings settings) {
		this.server = server;
		this.node = node;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		log.info("Downtime node {} following {}: viewer at {}/, status at {}/status", node.id(), server.serverAddress(),
				settings.publicUrl(), settings.publicUrl());
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.registration.interval:5m}", initialDelay = 1000)
	void register() {
		registered = attempt();
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.registration.retry:10s}", initialDelay = 10_000)
	void retryUntilRegistered() {
		if (!registered) {
			registered = attempt();
		}
	}

	private boolean attempt() {
		try {
			server.post("/api/downtime/nodes", Map.of("nodeId", node.id(), "url", settings.publicUrl().toString()));
			log.debug("Registered with {} as {}", server.serverAddress(), node.id());
			return true;
		}
		catch (RuntimeException notNow) {
			log.debug("Registration with {} failed: {}", server.serverAddress(), notNow.getMessage());
			return false;
		}
	}

}
