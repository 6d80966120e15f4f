package continuum.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import continuum.platform.PlatformSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The newest link of the chain this node has seen committed, kept outside the database in
 * the data directory ({@code audit/chain-anchor}): position and hash. The chain alone
 * cannot show that its newest links were removed, or that it was recomputed from a
 * changed row onwards, by someone who can change the database; the anchor can, as long as
 * that someone cannot also change this node's files. Written after the chainer's
 * transaction commits, so it never names a link the database may lose; read before the
 * chain is, so the chain read always reaches it.
 */
@Component
class AuditAnchor {

	private static final Logger log = LoggerFactory.getLogger(AuditAnchor.class);

	private static final HexFormat HEX = HexFormat.of();

	private final Path file;

	/** Whether the last write failed: its warning is logged once, not every round. */
	private boolean failing;

	AuditAnchor(PlatformSettings settings) {
		this.file = Path.of(settings.data().dir()).resolve("audit").resolve("chain-anchor");
		forgetAbandonedWrites();
	}

	/**
	 * Removes new anchors that a killed process never renamed into place. Only old ones:
	 * a command attached to the same data directory may be writing one now.
	 */
	private void forgetAbandonedWrites() {
		Path directory = this.file.getParent();
		if (!Files.isDirectory(directory)) {
			return;
		}
		Instant before = Instant.now().minus(Duration.ofMinutes(1));
		try (DirectoryStream<Path> abandoned = Files.newDirectoryStream(directory, "chain-anchor*.next")) {
			for (Path next : abandoned) {
				if (Files.getLastModifiedTime(next).toInstant().isBefore(before)) {
					forget(next);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not look for abandoned anchors in {}: {}", directory, ex.getMessage());
		}
	}

	/** The anchor's place, for messages. */
	Path file() {
		return this.file;
	}

	/**
	 * Moves the anchor forward to this committed link. The caller has checked that the
	 * chain still holds the anchored link: an anchor the chain no longer reaches is the
	 * evidence of tampering and stays until an operator moves it aside. Nothing is
	 * written over an anchor that is newer (another process got there first) or
	 * unreadable. A failure to write is logged and leaves the older anchor, which stays
	 * true.
	 */
	synchronized void advance(long position, byte[] hash) {
		try {
			if (read().map(Link::position).orElse(0L) >= position) {
				return;
			}
		}
		catch (UnreadableAnchor ex) {
			return;
		}
		Path next = null;
		try {
			Files.createDirectories(this.file.getParent());
			// A name of its own: an operator command attached to the same data directory
			// may move the anchor at the same time.
			next = Files.createTempFile(this.file.getParent(), "chain-anchor", ".next");
			byte[] line = (position + " " + HEX.formatHex(hash) + "\n").getBytes(StandardCharsets.US_ASCII);
			try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(line));
				channel.force(true);
			}
			move(next);
			if (this.failing) {
				log.info("The audit chain anchor in {} moves again", this.file.getParent());
				this.failing = false;
			}
		}
		catch (IOException ex) {
			if (!this.failing) {
				log.warn("Could not move the audit chain anchor in {}: {}", this.file.getParent(), ex.getMessage());
				this.failing = true;
			}
			forget(next);
		}
	}

	private static void forget(@Nullable Path next) {
		try {
			if (next != null) {
				Files.deleteIfExists(next);
			}
		}
		catch (IOException ex) {
			log.warn("Could not remove {}: {}", next, ex.getMessage());
		}
	}

	private void move(Path next) throws IOException {
		try {
			Files.move(next, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(next, this.file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * The anchored link; empty when none was written yet (a new data directory, or a node
	 * that has not chained yet).
	 * @throws UnreadableAnchor when the file is there but does not hold a link
	 */
	Optional<Link> read() {
		List<String> lines;
		try {
			lines = Files.readAllLines(this.file, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UnreadableAnchor(this.file + " cannot be read: " + ex.getMessage());
		}
		String[] parts = lines.size() == 1 ? lines.get(0).split(" ") : new String[0];
		try {
			if (parts.length != 2 || parts[1].length() != 64) {
				throw new IllegalArgumentException("not a position and a SHA-256 hash");
			}
			return Optional.of(new Link(Long.parseLong(parts[0]), HEX.parseHex(parts[1])));
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableAnchor(this.file + " does not hold a chain link: " + ex.getMessage());
		}
	}

	/** A link of the chain: its position and hash. */
	record Link(long position, byte[] hash) {
	}

	/** The anchor file exists but does not hold a link. */
	static class UnreadableAnchor extends RuntimeException {

		UnreadableAnchor(String message) {
			super(message);
		}

	}

}
