package continuum.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Abuse limits ({@code continuum.security.rate-limit.*}, docs/operations.md "Rate
 * limits"): token buckets per node, in memory.
 *
 * @param signInAddress failed sign-ins, token requests and password changes from one
 * source address, whatever the account
 * @param signInAccount failed sign-ins to one account from addresses it has never signed
 * in from (those from its known addresses count towards the lockout instead)
 * @param unauthenticated requests refused for lack of valid credentials, per source
 * address
 * @param apiUser requests per user (token or session) on {@code /fhir}, {@code /api} and
 * {@code /dicomweb}
 * @param knownAddressLifetime how long a successful sign-in keeps its address known to
 * the account
 * @param trackedKeys the most addresses or accounts each limit keeps a bucket for
 */
@Validated
@ConfigurationProperties("continuum.security.rate-limit")
record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("20/10m") RateLimit signInAddress,
		@DefaultValue("10/1h") RateLimit signInAccount, @DefaultValue("60/1m") RateLimit unauthenticated,
		@DefaultValue("6000/1m") RateLimit apiUser, @DefaultValue("90d") Duration knownAddressLifetime,
		@Min(100) @DefaultValue("100000") int trackedKeys) {
}
