package continuum.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The second factor at web sign-in ({@code continuum.security.second-factor.*}).
 * {@code requiredForAll}: every person, not only the privileged roles
 * ({@link Role#privileged}), must give one. {@code keyFile}: the AES key that seals the
 * authenticators' secrets in the database (default
 * {@code <data dir>/secrets/second-factor.key}; every server node needs the same).
 * {@code exemptAccounts}: usernames that sign in with the password alone even where a
 * second factor is required — for automated test environments only; the server warns of
 * them at every start.
 */
@ConfigurationProperties("continuum.security.second-factor")
record SecondFactorSettings(@DefaultValue("false") boolean requiredForAll, @Nullable String keyFile,
		@DefaultValue List<String> exemptAccounts) {
}
