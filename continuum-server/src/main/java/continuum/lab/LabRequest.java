package continuum.lab;

/**
 * One item of an order together with the order it belongs to: what FHIR calls a
 * ServiceRequest (the item's test, status and numbers; the order's patient, priority,
 * requester, note and requisition number).
 */
public record LabRequest(LabOrder order, LabOrder.Item item) {

	/** The specimens that carry this item's tests, in accession order. */
	public java.util.List<Specimen> specimens() {
		return order.specimens().stream().filter(s -> s.items().contains(item.id())).toList();
	}

}
