package continuum.downtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import continuum.downtime.DowntimeSettings;
import org.springframework.stereotype.Component;

/**
 * This node's id, generated on first start and kept in {@code node-id} in the data
 * directory: the server tells nodes apart by it, and the node's audit chain is keyed by
 * it.
 */
@Component
public class NodeIdentity {

	private final String id;

	NodeIdentity(DowntimeSettings settings) {
		Path file = settings.data().dir().resolve("node-id");
		try {
			if (Files.exists(file)) {
				id = Files.readString(file, StandardCharsets.US_ASCII).trim();
			}
			else {
				Files.createDirectories(file.toAbsolutePath().getParent());
				id = "node-" + UUID.randomUUID();
				Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
			}
		}
		catch (IOException failed) {
			throw new UncheckedIOException("The node id file " + file + " cannot be read or written", failed);
		}
	}

	public String id() {
		return id;
	}

}
