package continuum.audit;

/**
 * The newest link of the audit chain: its position and hash (hexadecimal). A backup
 * records it, and the restored copy's chain must reach it unchanged.
 */
public record AuditChainHead(long position, String hash) {
}
