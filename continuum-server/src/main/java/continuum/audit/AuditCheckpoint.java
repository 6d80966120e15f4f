package continuum.audit;

/**
 * A signed checkpoint of the chain head: the newest position and its hash at a moment,
 * with the chain's switch position to the keyed hash, signed (HMAC-SHA256, hex) with the
 * audit key ({@code keyId} names it). Sent off the machine (to the downtime nodes, and to
 * the syslog audit repository), so that a copy outside the server's reach remembers how
 * far the chain went: verification given a checkpoint reports a chain that ends before it
 * (its newest rows deleted) or holds another hash there. Only the holder of the audit key
 * can make one; a checkpoint whose signature does not hold is reported, never used.
 * {@code at} is an ISO-8601 instant.
 */
public record AuditCheckpoint(long position, String hash, String at, long keyedFrom, String keyId, String signature) {

	/** The text the signature is over. */
	String signedText() {
		return "continuum-audit-checkpoint/1 " + position + " " + hash + " " + at + " " + keyedFrom + " " + keyId;
	}

}
