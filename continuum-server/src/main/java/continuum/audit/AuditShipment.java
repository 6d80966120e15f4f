package continuum.audit;

/**
 * What became of a node's shipment: how many entries were new and stored, how many had
 * been received before, and the highest position received from the node so far.
 */
public record AuditShipment(int accepted, int duplicates, long highestSeq) {
}
