package continuum.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives the audit entries of downtime nodes into the central log, each exactly once:
 * an entry is identified by its node and its position in the node's chain, and one
 * received before is counted, never written again. New entries must continue the node's
 * chain as received so far, with every link recomputed; otherwise the whole shipment is
 * refused ({@link InvalidInputException}, a 422) and nothing of it stored. Each entry
 * keeps its original time and user, with the node as its address; {@code audit verify}
 * recomputes the nodes' chains from what was stored ({@link ShippedChainVerifier}). The
 * caller decides who may ship (the downtime API: system accounts only).
 */
@Service
public class ShippedAuditService {

	private static final String NODE_ID = "[A-Za-z0-9._-]{1,64}";

	private static final String HASH = "[0-9a-f]{64}";

	private final NodeEntryRepository entries;

	ShippedAuditService(NodeEntryRepository entries) {
		this.entries = entries;
	}

	@Transactional
	public AuditShipment receive(String nodeId, List<ShippedAuditEntry> shipment) {
		if (nodeId == null || !nodeId.matches(NODE_ID)) {
			throw new InvalidInputException("nodeId must be 1 to 64 letters, digits, '.', '_' or '-'");
		}
		entries.lock(nodeId);
		Optional<NodeEntryRepository.Link> last = entries.last(nodeId);
		long highest = last.map(NodeEntryRepository.Link::seq).orElse(0L);
		String previous = last.map(NodeEntryRepository.Link::hash).orElse(NodeChainHash.GENESIS);
		List<Long> resent = shipment.stream().map(ShippedAuditEntry::seq).filter(seq -> seq <= highest).toList();
		Map<Long, String> received = resent.isEmpty() ? Map.of() : entries.hashes(nodeId, resent);
		List<NodeEntryRepository.Incoming> incoming = new ArrayList<>();
		long expected = shipment.isEmpty() ? 0 : shipment.get(0).seq();
		for (ShippedAuditEntry entry : shipment) {
			if (entry.seq() != expected) {
				throw broken(nodeId, entry.seq(), "positions must be consecutive (expected " + expected + ")");
			}
			expected++;
			if (entry.seq() <= highest) {
				if (!entry.hash().equals(received.get(entry.seq()))) {
					throw broken(nodeId, entry.seq(), "differs from the entry received before at this position");
				}
				continue;
			}
			if (entry.seq() != highest + incoming.size() + 1) {
				throw broken(nodeId, entry.seq(), "does not continue the chain, received up to position " + highest);
			}
			incoming.add(checked(nodeId, entry, previous));
			previous = entry.hash();
		}
		if (!incoming.isEmpty()) {
			entries.insert(nodeId, incoming);
		}
		return new AuditShipment(incoming.size(), shipment.size() - incoming.size(), highest + incoming.size());
	}

	/** The entry if it is well-formed and links to {@code previous} with a true hash. */
	private static NodeEntryRepository.Incoming checked(String nodeId, ShippedAuditEntry e, String previous) {
		requireLength(nodeId, e, "username", e.username(), 64, false);
		requireLength(nodeId, e, "resourceType", e.resourceType(), 64, false);
		requireLength(nodeId, e, "resourceId", e.resourceId(), 64, true);
		requireLength(nodeId, e, "patientId", e.patientId(), 64, true);
		requireLength(nodeId, e, "detail", e.detail(), 500, true);
		AuditAction action = action(e.action());
		AuditOutcome outcome = e.outcome() == null ? null : NodeChainHash.outcome(e.outcome());
		if (action == null || outcome == null) {
			throw broken(nodeId, e.seq(), "action must be one of " + java.util.Arrays.toString(AuditAction.values())
					+ " and outcome one of SUCCESS, DENIED, FAILURE");
		}
		Instant at;
		try {
			at = Instant.parse(e.at());
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw broken(nodeId, e.seq(), "'at' must be an ISO-8601 instant");
		}
		if (e.previousHash() == null || e.hash() == null || !e.previousHash().matches(HASH)
				|| !e.hash().matches(HASH)) {
			throw broken(nodeId, e.seq(), "hashes must be 64 lowercase hexadecimal digits");
		}
		if (!e.previousHash().equals(previous)) {
			throw broken(nodeId, e.seq(), "previousHash is not the hash of the entry before it");
		}
		if (!NodeChainHash.of(e).equals(e.hash())) {
			throw broken(nodeId, e.seq(), "hash does not match the entry's content");
		}
		return new NodeEntryRepository.Incoming(e, at, action, outcome);
	}

	private static void requireLength(String nodeId, ShippedAuditEntry e, String field, @Nullable String value,
			int maximum, boolean optional) {
		if (value == null ? !optional : value.isEmpty() || value.length() > maximum) {
			throw broken(nodeId, e.seq(),
					"'" + field + "' must be " + (optional ? "absent or " : "") + "1 to " + maximum + " characters");
		}
	}

	private static @Nullable AuditAction action(@Nullable String name) {
		for (AuditAction action : AuditAction.values()) {
			if (action.name().equals(name)) {
				return action;
			}
		}
		return null;
	}

	private static InvalidInputException broken(String nodeId, long seq, String problem) {
		return new InvalidInputException(
				"Audit entry " + seq + " of node " + nodeId + " refused, nothing of this shipment stored: " + problem);
	}

}
