package continuum.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The two-person rule ({@code continuum.security.approvals.*}): how long a request waits
 * for a second administrator before it expires and does nothing.
 */
@ConfigurationProperties("continuum.security.approvals")
record StaffApprovalSettings(@DefaultValue("24h") Duration lifetime) {
}
