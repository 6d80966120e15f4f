package continuum.audit;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Signs checkpoints of the chain head with the audit key ({@link AuditCheckpoint}).
 * HMAC-SHA256 with the audit key rather than a signature key pair: whoever checks a
 * checkpoint is a Continuum node holding the key (verification), the places that keep
 * them (downtime nodes, the syslog repository) only keep and give them back, and one
 * secret outside the database is one thing less to guard, rotate and lose. What the
 * signature must stop is a database owner writing a checkpoint for a shortened chain, and
 * that owner does not have the key.
 */
@Component
class AuditCheckpoints {

	private final AuditChainRepository chain;

	private final AuditKey key;

	private final Clock clock;

	AuditCheckpoints(AuditChainRepository chain, AuditKey key, Clock clock) {
		this.chain = chain;
		this.key = key;
		this.clock = clock;
	}

	/** A signed checkpoint of the chain's newest link; empty while nothing is keyed. */
	Optional<AuditCheckpoint> ofHead() {
		Optional<AuditChainRepository.Keying> keying = chain.keying();
		if (keying.isEmpty() || !keying.get().keyId().equals(key.id())) {
			return Optional.empty();
		}
		return chain.head().map(head -> of(head, keying.get().keyedFrom()));
	}

	/**
	 * A signed checkpoint of the chain's link at {@code position}, for a holder of an
	 * older checkpoint to see that the chain still holds it; empty when the chain has no
	 * keyed link there.
	 */
	Optional<AuditCheckpoint> at(long position) {
		Optional<AuditChainRepository.Keying> keying = chain.keying();
		if (keying.isEmpty() || !keying.get().keyId().equals(key.id()) || position < keying.get().keyedFrom()) {
			return Optional.empty();
		}
		return chain.hashAt(position).map(hash -> of(new AuditAnchor.Link(position, hash), keying.get().keyedFrom()));
	}

	/** A signed checkpoint of this link of a chain keyed from {@code keyedFrom}. */
	AuditCheckpoint of(AuditAnchor.Link link, long keyedFrom) {
		AuditCheckpoint unsigned = new AuditCheckpoint(link.position(), HexFormat.of().formatHex(link.hash()),
				clock.instant().toString(), keyedFrom, key.id(), "");
		return new AuditCheckpoint(unsigned.position(), unsigned.hash(), unsigned.at(), keyedFrom, key.id(),
				key.sign(unsigned.signedText()));
	}

}
