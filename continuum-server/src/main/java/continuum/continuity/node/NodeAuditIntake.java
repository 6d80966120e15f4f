package continuum.continuity.node;

import java.util.List;

import continuum.audit.AuditShipment;
import continuum.audit.ShippedAuditEntry;
import continuum.audit.ShippedAuditService;
import continuum.privacy.NodeBreakGlassService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A node's audit shipment into the central log ({@link ShippedAuditService}) and its new
 * break-the-glass entries into the privacy officer's review queue
 * ({@link NodeBreakGlassService}), in one transaction: an access is queued exactly when
 * its entry lands in the log, and a shipment refused stores neither.
 */
@Component
class NodeAuditIntake {

	private final ShippedAuditService shipped;

	private final NodeBreakGlassService breakGlasses;

	NodeAuditIntake(ShippedAuditService shipped, NodeBreakGlassService breakGlasses) {
		this.shipped = shipped;
		this.breakGlasses = breakGlasses;
	}

	/** The new entries are the last {@code accepted}: resent ones come first. */
	@Transactional
	AuditShipment receive(String nodeId, List<ShippedAuditEntry> entries) {
		AuditShipment received = shipped.receive(nodeId, entries);
		if (received.accepted() > 0) {
			breakGlasses.received(nodeId, entries.subList(entries.size() - received.accepted(), entries.size()));
		}
		return received;
	}

}
