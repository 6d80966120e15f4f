package continuum.continuity.node;

import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditShipment;
import continuum.audit.ShippedAuditEntry;
import continuum.audit.ShippedAuditService;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/downtime/audit}: a downtime node ships the entries of its own audit
 * log once the server is back. Each lands in the central log exactly once, however often
 * it is sent; a shipment that breaks the node's chain is a 422 and stores nothing
 * ({@link ShippedAuditService}); a break-the-glass among the new entries joins the
 * privacy officer's review queue with them ({@link NodeAuditIntake}). System accounts
 * only.
 */
@RestController
class NodeAuditController {

	static final int MAXIMUM_ENTRIES = 1000;

	private final NodeAuditIntake intake;

	private final SystemCaller system;

	NodeAuditController(NodeAuditIntake intake, SystemCaller system) {
		this.intake = intake;
		this.system = system;
	}

	/** The body: the node and its entries, oldest first. */
	record Shipment(@Nullable String nodeId, @Nullable List<ShippedAuditEntry> entries) {
	}

	@PostMapping("/api/downtime/audit")
	AuditShipment receive(@RequestBody Shipment shipment) {
		system.require(AuditAction.CREATE, "DowntimeAudit");
		if (shipment.nodeId() == null || shipment.entries() == null) {
			throw new BadParameterException("The body must carry 'nodeId' and 'entries'");
		}
		if (shipment.entries().size() > MAXIMUM_ENTRIES) {
			throw new ShipmentTooLargeException(
					"A shipment carries at most " + MAXIMUM_ENTRIES + " entries; send the rest in further shipments");
		}
		return intake.receive(shipment.nodeId(), shipment.entries());
	}

}
